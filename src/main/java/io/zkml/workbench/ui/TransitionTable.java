package io.zkml.workbench.ui;

import atlantafx.base.theme.Styles;
import io.zkml.workbench.export.CompiledModel;
import io.zkml.workbench.export.CostReport;
import io.zkml.workbench.export.Fees;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TitledPane;

import java.util.List;
import java.util.function.Function;

/**
 * The dashboard's row per transition of a program chain: program, layers, constraints, SRS degree,
 * instructions, characters, whether the offline parameters prove it, and the deployment fee. The rows
 * are {@code zkml cost}'s ({@link CostReport#transitions()} of the compiled program), so the workbench
 * and the CLI print the same figures. Shown only while the program is a chain; collapsible, because a
 * small window needs the height for the graph.
 */
final class TransitionTable extends TitledPane {

    /** Rows shown without scrolling; a longer chain scrolls. */
    private static final int VISIBLE_ROWS = 4;
    private static final double ROW = 26;
    /** The column header and a horizontal scroll bar (the columns are wider than a 1024-pixel window). */
    private static final double HEADER_AND_SCROLLBAR = 62;
    /** Below this window height the table starts collapsed: the graph and code need the room more. */
    private static final double ROOMY_HEIGHT = 800;
    private boolean shownBefore;

    /** One row: the transition number (1 = entry) and {@code zkml cost}'s row for it. */
    record Row(int transition, CostReport.TransitionRow cost, boolean offline) {
    }

    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final TableView<Row> table = new TableView<>(rows);

    TransitionTable() {
        setId("transitionTable");
        getStyleClass().add("transition-table");
        setAnimated(false);
        table.setId("transitionRows");
        table.getStyleClass().addAll(Styles.DENSE);
        table.setFixedCellSize(ROW);
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.prefHeightProperty().bind(javafx.beans.binding.Bindings.min(VISIBLE_ROWS, javafx.beans.binding.Bindings
                .size(rows)).multiply(ROW).add(HEADER_AND_SCROLLBAR));
        // The editor's column gives the graph every spare pixel, so the rows hold their height themselves.
        table.minHeightProperty().bind(table.prefHeightProperty());
        setMinHeight(USE_PREF_SIZE);
        TableColumn<Row, String> chip = column("", 52, r -> "T" + r.transition());
        chip.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                Row row = empty || getTableRow() == null ? null : getTableRow().getItem();
                if (row == null) {
                    setGraphic(null);
                    return;
                }
                Label l = new Label(item);
                l.getStyleClass().addAll("transition-chip", TransitionColors.styleClass(row.transition()));
                setGraphic(l);
            }
        });
        table.getColumns().setAll(List.of(chip,
                column("program", 200, r -> r.cost().programId()),
                column("layers", 200, r -> String.join(", ", r.cost().layers())),
                column("constraints", 140, r -> Format.count(r.cost().constraints())
                        + (r.cost().predictionExact() ? "" : " (est.)")),
                column("SRS", 70, r -> "2^" + r.cost().srsDegreeLog2()),
                column("instructions", 120, r -> Format.count(r.cost().instructions())),
                column("characters", 120, r -> Format.count(r.cost().characters())),
                column("offline", 80, r -> r.offline() ? "yes" : "no"),
                column("deploy fee ≥ (credits)", 210, r -> Fees.credits(r.cost().deploymentFeeAtLeastMicrocredits()))));
        setContent(table);
        show(null);
    }

    /** The transitions of {@code m}; hidden when there is no program or it is one program. */
    void show(CompiledModel m) {
        CostReport r = m == null || !m.isChain() ? null : CostReport.of(m, null, null);
        boolean chain = r != null;
        setVisible(chain);
        setManaged(chain);
        if (!chain) {
            rows.clear();
            return;
        }
        List<CostReport.TransitionRow> t = r.transitions();
        List<Row> out = new java.util.ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            out.add(new Row(i + 1, t.get(i), t.get(i).srsDegreeLog2() <= r.offlineSrsLog2()));
        }
        rows.setAll(out);
        if (!shownBefore) {
            shownBefore = true;
            setExpanded(getScene() == null || getScene().getHeight() >= ROOMY_HEIGHT);
        }
        long offline = out.stream().filter(Row::offline).count();
        // Short enough for a 1024-pixel window; the tooltip says the rest.
        setText("Program chain: " + t.size() + " transitions · " + Format.count(m.totalConstraints())
                + " constraints · " + (offline == t.size() ? "all fit" : offline + " of " + t.size() + " fit")
                + " the offline 2^" + r.offlineSrsLog2() + " SRS");
        setTooltip(new javafx.scene.control.Tooltip("The model is " + t.size() + " programs, each calling the next: "
                + "one execution, one batch proof. The rows are those `zkml cost` prints for this chain. The deployment "
                + "fee is snarkVM's formula with the program text's characters as its bytes, a lower bound (a "
                + "deployment also holds a verifying key and certificate per function)."));
    }

    /** The rows shown, for tests. */
    List<Row> rows() {
        return List.copyOf(rows);
    }

    private static TableColumn<Row, String> column(String name, double width, Function<Row, String> f) {
        TableColumn<Row, String> c = new TableColumn<>(name);
        c.setPrefWidth(width);
        c.setMinWidth(Math.min(width, 50));
        c.setCellValueFactory(d -> new SimpleStringProperty(f.apply(d.getValue())));
        c.setSortable(false);
        return c;
    }
}
