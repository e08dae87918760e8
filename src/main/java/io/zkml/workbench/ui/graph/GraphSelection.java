package io.zkml.workbench.ui.graph;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;

import java.util.Collection;
import java.util.LinkedHashSet;

/**
 * Which nodes are selected, by name, plus the one the user touched last: the inspector shows
 * that one and the arrow keys move from it.
 */
public final class GraphSelection {

    private final ObservableSet<String> selected = FXCollections.observableSet(new LinkedHashSet<>());
    private final ObservableSet<String> readOnly = FXCollections.unmodifiableObservableSet(selected);
    private final ReadOnlyObjectWrapper<String> primary = new ReadOnlyObjectWrapper<>(this, "primary");

    public ObservableSet<String> selected() {
        return readOnly;
    }

    public ReadOnlyObjectProperty<String> primaryProperty() {
        return primary.getReadOnlyProperty();
    }

    public String primary() {
        return primary.get();
    }

    /** Plain click: this node only. */
    public void select(String name) {
        selected.retainAll(java.util.Set.of(name));
        selected.add(name);
        primary.set(name);
    }

    /** Ctrl-click: add or remove one node, keeping the rest. */
    public void toggle(String name) {
        if (selected.remove(name)) {
            primary.set(selected.isEmpty() ? null : last());
        } else {
            selected.add(name);
            primary.set(name);
        }
    }

    /** Shift+arrow: grow the selection towards a node. */
    public void extend(String name) {
        selected.add(name);
        primary.set(name);
    }

    public void selectAll(Collection<String> names) {
        selected.addAll(names);
        if (primary.get() == null && !names.isEmpty()) {
            primary.set(names.iterator().next());
        }
    }

    public void clear() {
        selected.clear();
        primary.set(null);
    }

    public boolean isSelected(String name) {
        return selected.contains(name);
    }

    private String last() {
        String last = null;
        for (String s : selected) {
            last = s;
        }
        return last;
    }
}
