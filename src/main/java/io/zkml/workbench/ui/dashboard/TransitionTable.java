package io.zkml.workbench.ui.dashboard;

import io.zkml.workbench.ui.Tooltips;
import io.zkml.workbench.ui.format.Format;
import io.zkml.workbench.ui.graph.TransitionColors;

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
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

import java.util.List;
import java.util.function.Function;

/**
 * The dashboard's row per transition of a program chain: program, layers, constraints, SRS degree,
 * instructions, characters, whether the offline parameters prove it, its bytes in the execution and its
 * program's estimated deployment fee; the summary adds the execution's fee. The rows
 * are {@code zkml cost}'s ({@link CostReport#transitions()} of the compiled program), so the workbench
 * and the CLI print the same figures. Shown only while the program is a chain; collapsible, because a
 * small window needs the height for the graph.
 */
public final class TransitionTable extends VBox {

    /** Rows shown without scrolling; a longer chain scrolls. */
    private static final int VISIBLE_ROWS = 4;
    private static final double ROW = 26;
    /** The column header and a horizontal scroll bar (the columns are wider than a 1024-pixel window). */
    private static final double HEADER_AND_SCROLLBAR = 62;
    /** Below this window height the table starts collapsed: the graph and code need the room more. */
    private static final double ROOMY_HEIGHT = 800;
    private boolean shownBefore;

    /** One row: the transition number (1 = entry) and {@code zkml cost}'s row for it. */
    public record Row(int transition, CostReport.TransitionRow cost, boolean offline) {
    }

    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final TableView<Row> table = new TableView<>(rows);
    /** The summary line; wraps rather than widen the window (a 1024-pixel window at the largest text). */
    private final Label title = new Label();
    /** Shows or hides the rows; the summary stays. */
    private final Button expand = new Button();
    private final javafx.beans.property.BooleanProperty expanded = new javafx.beans.property.SimpleBooleanProperty(this,
            "expanded");
    /** The columns' widths at the default 14 px text; they grow with the text (A+). */
    private final java.util.Map<TableColumn<Row, String>, Double> baseWidths = new java.util.LinkedHashMap<>();
    private double fontSize;

    public TransitionTable() {
        setId("transitionTable");
        getStyleClass().add("transition-table");
        title.setId("transitionSummary");
        title.setWrapText(true);
        title.setMinWidth(0);
        title.setMinHeight(Region.USE_PREF_SIZE); // a wrapped label is elided when its height is squeezed
        title.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(title, Priority.ALWAYS);
        expand.setId("transitionExpand");
        expand.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        expand.setTooltip(new Tooltip("Show or hide a row per transition"));
        expand.setMinWidth(Region.USE_PREF_SIZE);
        expand.setOnAction(e -> expanded.set(!expanded.get()));
        expanded.addListener((obs, o, on) -> {
            expand.setGraphic(new FontIcon(on ? MaterialDesignC.CHEVRON_DOWN : MaterialDesignC.CHEVRON_RIGHT));
            table.setVisible(on);
            table.setManaged(on);
        });
        expand.setGraphic(new FontIcon(MaterialDesignC.CHEVRON_RIGHT));
        expanded.set(true);
        HBox header = new HBox(6, expand, title);
        header.setAlignment(Pos.CENTER_LEFT);
        setSpacing(4);
        setPadding(new javafx.geometry.Insets(4, 10, 6, 10));
        setMinWidth(0);
        table.setId("transitionRows");
        table.getStyleClass().addAll(Styles.DENSE);
        table.setFixedCellSize(ROW);
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.prefHeightProperty().bind(javafx.beans.binding.Bindings.min(VISIBLE_ROWS, javafx.beans.binding.Bindings
                .size(rows)).multiply(ROW).add(HEADER_AND_SCROLLBAR));
        // The editor's column gives the graph every spare pixel, so the rows hold their height themselves.
        table.minHeightProperty().bind(table.prefHeightProperty());
        setMinHeight(USE_PREF_SIZE);
        table.setMinWidth(0);
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
                withTooltips(column("layers", 200, r -> String.join(", ", r.cost().layers()))),
                column("constraints", 140, r -> Format.count(r.cost().constraints())
                        + (r.cost().predictionExact() ? "" : " (est.)")),
                column("SRS", 70, r -> "2^" + r.cost().srsDegreeLog2()),
                column("instructions", 120, r -> Format.count(r.cost().instructions())),
                column("characters", 120, r -> Format.count(r.cost().characters())),
                column("offline", 80, r -> r.offline() ? "yes" : "no"),
                column("execution bytes", 150, r -> Format.count(r.cost().executionBytes())),
                column("deploy fee ~ (credits)", 210, r -> Format.creditsEstimate(r.cost().deploymentFeeEstimateMicrocredits()))));
        getChildren().addAll(header, table);
        show(null);
    }

    /** The transitions of {@code m}; hidden when there is no program or it is one program. */
    public void show(CompiledModel m) {
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
            expanded.set(getScene() == null || getScene().getHeight() >= ROOMY_HEIGHT);
        }
        long offline = out.stream().filter(Row::offline).count();
        // Short enough for a 1024-pixel window; the tooltip says the rest.
        title.setText("Program chain: " + t.size() + " transitions · " + Format.count(m.totalConstraints())
                + " constraints · " + (offline == t.size() ? "all fit" : offline + " of " + t.size() + " fit")
                + " the offline 2^" + r.offlineSrsLog2() + " SRS · execution " + Fees.credits(r.fees().executionFeeMicrocredits())
                + " credits");
        Tooltips.retitle(title, "The model is " + t.size() + " programs, each calling the next: "
                + "one execution, one batch proof. The rows are those `zkml cost` prints for this chain. " + r.fees().describe()
                + ". A transition's execution bytes are its part of the execution, with its share of the batch proof; "
                + "the deployment fee is snarkVM's formula with the program text's characters as its bytes.");
    }

    /** The summary line, for tests. */
    public String summary() {
        return title.getText();
    }

    /** Whether the rows are shown (not collapsed). */
    boolean expanded() {
        return expanded.get();
    }

    public void setExpanded(boolean on) {
        expanded.set(on);
    }

    /** Columns keep their headers whole at any text size: their widths follow the font (as A+ changes it). */
    @Override
    protected void layoutChildren() {
        double size = title.getFont().getSize();
        if (size != fontSize) {
            fontSize = size;
            baseWidths.forEach((c, w) -> c.setPrefWidth(w * size / 14));
        }
        super.layoutChildren();
    }

    /** The rows shown, for tests. */
    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /** A long list of layers is elided in its cell; the tooltip has all of them. */
    private static TableColumn<Row, String> withTooltips(TableColumn<Row, String> c) {
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                Tooltips.retitle(this, empty ? null : item);
            }
        });
        return c;
    }

    private TableColumn<Row, String> column(String name, double width, Function<Row, String> f) {
        TableColumn<Row, String> c = new TableColumn<>(name);
        baseWidths.put(c, width);
        c.setPrefWidth(width);
        c.setMinWidth(Math.min(width, 50));
        c.setCellValueFactory(d -> new SimpleStringProperty(f.apply(d.getValue())));
        c.setSortable(false);
        return c;
    }
}
