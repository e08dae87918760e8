package io.zkml.workbench.design;

import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.graph.Node;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The design-mode graph after some edits. It remembers every layer re-initialised since the
 * imported weights, because retraining must not copy placeholder weights as if they were trained.
 * States are immutable; the project's {@link EditHistory} undoes by going back to an earlier one.
 *
 * @param freshLayers layers whose weights are placeholders rather than trained values
 * @param description the edit that led here ("Original" for the imported graph)
 * @param steps       the edits from the original graph to this one, in order; null when one
 *                    of them was not made through a {@link DesignStep} and so cannot be replayed
 */
public record DesignState(ModelGraph graph, Set<String> freshLayers, String description, List<DesignStep> steps) {

    public DesignState {
        freshLayers = Set.copyOf(freshLayers);
        steps = steps == null ? null : List.copyOf(steps);
    }

    /** The imported graph, before any edit. */
    public static DesignState original(ModelGraph graph) {
        return new DesignState(graph, Set.of(), "Original", List.of());
    }

    /** Whether {@link #steps()} rebuilds this graph from the original one. */
    public boolean replayable() {
        return steps != null;
    }

    /** The state after {@code edit}, made on this state's graph. */
    public DesignState after(Edit edit) {
        Set<String> names = edit.graph().nodes().stream().map(Node::name).collect(Collectors.toSet());
        Set<String> fresh = new HashSet<>(freshLayers);
        fresh.addAll(edit.reinitialised());
        fresh.retainAll(names);
        List<DesignStep> next = null;
        if (replayable() && edit.step() != null) {
            next = new ArrayList<>(steps);
            next.add(edit.step());
        }
        return new DesignState(edit.graph(), fresh, edit.description(), next);
    }

    /**
     * Replays saved steps from this state, returning the state after each (so each can again be
     * an undoable edit).
     *
     * @throws io.zkml.workbench.WorkbenchException when a step no longer fits (the model changed)
     */
    public List<DesignState> replay(List<DesignStep> saved) {
        List<DesignState> out = new ArrayList<>();
        DesignState s = this;
        for (DesignStep step : saved) {
            s = s.after(step.applyTo(s.graph()));
            out.add(s);
        }
        return out;
    }
}
