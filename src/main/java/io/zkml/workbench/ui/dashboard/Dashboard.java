package io.zkml.workbench.ui.dashboard;

import io.zkml.workbench.ui.format.Format;

import atlantafx.base.theme.Styles;
import io.zkml.workbench.export.CostReport;
import io.zkml.workbench.export.ProvingEstimate;
import io.zkml.workbench.quant.CollapseCheck;
import io.zkml.workbench.quant.CollapseWarning;
import io.zkml.workbench.quant.OutputMetrics;
import io.zkml.workbench.quant.OverflowReport;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Cursor;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.controlsfx.control.PopOver;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

import java.util.List;
import java.util.Locale;

/**
 * The strip under the graph: what quantization did to the whole model (float vs quantized
 * accuracy or error, argmax agreement, overflow) and, once a cost model is plugged in, what the
 * proof costs (constraints, SRS degree, proving time and memory, Aleo's limits). The actions that
 * change the whole spec (calibrate, auto-tune) live here too.
 */
public final class Dashboard extends HBox {

    public final Button calibrate = new Button("Calibrate", new FontIcon(MaterialDesignT.TUNE_VARIANT));
    public final Button autoTune = new Button("Auto-tune…", new FontIcon(MaterialDesignT.TARGET));
    public final Button chooseDataset = new Button("Dataset…", new FontIcon(MaterialDesignD.DATABASE_IMPORT_OUTLINE));
    private final Tile floatMetric = new Tile("floatMetric", "Float accuracy");
    private final Tile quantMetric = new Tile("quantMetric", "Quantized accuracy");
    private final Tile agreement = new Tile("agreement", "Argmax agreement");
    private final Tile overflow = new Tile("overflowStatus", "Overflow");
    private final Tile constraints = new Tile("constraintsTotal", "Constraints");
    /** The change in constraints since the last edit, under the constraints figure. */
    private final Label constraintsDelta = new Label();
    /** On the cost tiles while a newer program compiles (a pseudo-class, as on the node cards' badges). */
    private static final javafx.css.PseudoClass UPDATING = javafx.css.PseudoClass.getPseudoClass("updating");
    private boolean costUpdating;
    private final Tile srs = new Tile("srsDegree", "SRS degree");
    private final Tile proving = new Tile("provingEstimate", "Proving (est.)");
    private final Tile limits = new Tile("aleoLimits", "Aleo limits");
    private final ObservableList<CostReport.LimitRow> limitRows = FXCollections.observableArrayList();
    private final TableView<CostReport.LimitRow> limitsTable = limitsTable(limitRows);
    private final ReadOnlyObjectWrapper<PopOver> limitsPopOver = new ReadOnlyObjectWrapper<>();
    private final ProgressIndicator busy = new ProgressIndicator();
    private final Label datasetLabel = new Label();
    private final BarChart<Number, String> costChart;
    private final GridPane tiles = new GridPane();
    private final List<Tile> tileList;
    private int columns;
    private final VBox actions;
    private boolean hasCost;
    private boolean chartRoom = true;

    public Dashboard() {
        setId("dashboard");
        getStyleClass().add("dashboard");
        setSpacing(18);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(10, 16, 10, 16));
        calibrate.setId("calibrate");
        calibrate.setTooltip(new Tooltip("Propose a spec from the dataset's activation ranges (replaces the current one)"));
        chooseDataset.setId("chooseDataset");
        chooseDataset.setTooltip(new Tooltip("Evaluate on another dataset CSV (features first, label or target last)"));
        busy.setId("evaluating");
        busy.setPrefSize(22, 22);
        busy.setVisible(false);
        datasetLabel.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        datasetLabel.setWrapText(true);
        datasetLabel.setMaxWidth(220);

        // Bars lie along the width, labels beside them: under the bars, a label as long as "function
        // overhead" turned upright took the chart's whole 170 px and left no bar to see (fashion-cnn's
        // chain at 1440x900). No axis label: the title says what the bars count.
        NumberAxis x = new NumberAxis();
        CategoryAxis y = new CategoryAxis();
        x.setTickLabelFormatter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Number n) {
                return Format.tick(n.longValue());
            }

            @Override
            public Number fromString(String s) {
                return null;
            }
        });
        costChart = new BarChart<>(x, y);
        // The scale is set here, not auto-ranged: JavaFX's auto-ranging measured the small tick labels
        // wrongly and drew "10k12.5k15k" into each other.
        x.setAutoRanging(false);
        x.setLowerBound(0);
        x.widthProperty().addListener((obs, o, w) -> scaleValueAxis());
        costChart.setId("costChart");
        costChart.setTitle("Constraints per layer");
        costChart.setAnimated(false);
        costChart.setLegendVisible(false);
        costChart.setCategoryGap(2);
        costChart.setBarGap(0);
        costChart.setPrefSize(420, CHART_HEIGHT);
        // Narrow enough to leave the tiles two columns with the largest text in a 1024 px window.
        costChart.setMinWidth(160);

        autoTune.setId("autoTune");
        autoTune.setTooltip(new Tooltip("Search for the cheapest spec that meets an accuracy target, "
                + "showing the trade-offs considered"));
        for (Button b : List.of(calibrate, autoTune, chooseDataset)) {
            b.setMaxWidth(Double.MAX_VALUE);
        }
        limits.getStyleClass().add("tile-link");
        limits.setCursor(Cursor.HAND);
        limits.caption.setGraphic(new FontIcon(MaterialDesignI.INFORMATION_OUTLINE));
        limits.caption.setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);
        limits.setOnMouseClicked(e -> showLimits());

        // Tiles wrap rather than cut their figures short: four to a row (what quantization loses, then
        // what the proof costs) where there is room, fewer in a small window or with large text; each
        // column is as wide as its widest tile, so the rows stay aligned.
        tileList = List.of(floatMetric, quantMetric, agreement, overflow, constraints, srs, proving, limits);
        tiles.setId("dashboardTiles");
        tiles.setHgap(18);
        tiles.setVgap(8);
        // Exactly its columns wide: the chart, not the tiles, takes up the slack (see layoutChildren).
        tiles.setMinWidth(USE_PREF_SIZE);
        tiles.setMaxWidth(USE_PREF_SIZE);
        arrange(4);
        actions = new VBox(6, calibrate, autoTune, chooseDataset, datasetLabel);
        // The actions never shrink below their labels; the chart and the tiles' columns give way first.
        actions.setMinWidth(USE_PREF_SIZE);
        actions.setAlignment(Pos.CENTER_LEFT);
        // The chart takes the width the tiles leave, so wide windows show wider bars, not a gap.
        costChart.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(costChart, Priority.ALWAYS);
        getChildren().addAll(tiles, busy, costChart, actions);
        constraintsDelta.setId("constraintsDelta");
        // Only takes a line when it has something to say, so the tiles stay low when they wrap into more rows.
        constraintsDelta.managedProperty().bind(constraintsDelta.textProperty().isNotEmpty());
        constraintsDelta.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        constraints.getChildren().add(constraintsDelta);
        showCost(List.of(), null, null);
        showLimits(null, "Aleo's limits are checked once the program is generated");
        clear("Open a model to see what quantization costs.");
    }

    /**
     * Lays the tiles out in four columns when that leaves the chart a readable width, else in two,
     * and the chart takes what is left. The chart is the part of the strip that gives
     * way: when even two columns and the actions' whole labels leave it no room (large text in a small
     * window) it is hidden, rather than squeezed to a cut title, and the tiles use its room instead.
     */
    @Override
    protected void layoutChildren() {
        double free = getWidth() - snappedLeftInset() - snappedRightInset() - busy.prefWidth(-1)
                - actions.prefWidth(-1) - 3 * getSpacing();
        // Four columns keep what quantization loses above what the proof costs; two keep them as pairs.
        // Four only when the chart keeps a readable width (bars, not just its rotated labels).
        double readable = 18 * calibrate.getFont().getSize();
        int n = tilesWidth(4) + readable <= free ? 4 : 2;
        // The chart's minimum holds its labels only; below that plus a bar area it would show labels and no bars
        // (iris-mlp at the largest text in 1024×768 did).
        double chartNeeds = costChart.minWidth(-1) + BAR_AREA_EM * calibrate.getFont().getSize();
        boolean room = tilesWidth(n) + chartNeeds <= free;
        if (!room) {
            n = tilesWidth(4) <= free + getSpacing() ? 4 : tilesWidth(2) <= free + getSpacing() ? 2 : 1;
        }
        arrange(n);
        if (room != chartRoom) {
            chartRoom = room;
            showChart();
        }
        super.layoutChildren();
    }

    /** The width of the tiles laid out in {@code n} columns, each as wide as its widest tile. */
    private double tilesWidth(int n) {
        double w = (n - 1) * tiles.getHgap();
        for (int c = 0; c < n; c++) {
            double widest = 0;
            for (int i = c; i < tileList.size(); i += n) {
                widest = Math.max(widest, tileList.get(i).prefWidth(-1));
            }
            w += widest;
        }
        return w;
    }

    /** Puts the tiles in {@code n} columns, in reading order. */
    private void arrange(int n) {
        if (n == columns) {
            return;
        }
        columns = n;
        tiles.getChildren().clear();
        for (int i = 0; i < tileList.size(); i++) {
            tiles.add(tileList.get(i), i % n, i / n);
        }
    }

    private void showChart() {
        costChart.setVisible(hasCost && chartRoom);
        costChart.setManaged(hasCost && chartRoom);
    }

    /** Whether the chart has room to be shown, for tests. */
    public boolean chartShown() {
        return costChart.isVisible();
    }

    public void setBusy(boolean running) {
        busy.setVisible(running);
    }

    public void setDataset(String text) {
        datasetLabel.setText(text);
    }

    /** Nothing measured (no model, or no dataset yet). */
    public void clear(String why) {
        for (Tile t : List.of(floatMetric, quantMetric, agreement, overflow)) {
            t.set(Format.NO_DATA, why);
        }
    }

    private static String referenceName(io.zkml.workbench.quant.ReferenceSource r) {
        String name = switch (r.kind()) {
            case DL4J -> "Deeplearning4j's own forward pass";
            case ONNX_RUNTIME -> "ONNX Runtime's run of the model file";
            case FLOAT_INTERPRETER -> "the workbench's float interpreter";
        };
        return r.note().isEmpty() ? name : name + ": " + r.note();
    }

    /**
     * @param collapse the core's collapse check for the same evaluation: clipping (saturation) is
     *                 told apart from overflow (a value that wraps or aborts the proof)
     * @param floatMae the float model's MAE on the same data when known (the core reports only the
     *                 quantized model's; for bundled samples the catalogue holds the measured figure)
     * @param reference which float model the figures compare against (DL4J, ONNX Runtime or the
     *                 workbench's interpreter), named in the tooltips as `zkml eval` names it
     */
    public void showOutput(OutputMetrics m, OverflowReport report, java.util.Optional<CollapseWarning> collapse,
                    java.util.OptionalDouble floatMae, io.zkml.workbench.quant.ReferenceSource reference) {
        String floatModel = "the float model (" + referenceName(reference) + ")";
        if (m.classifier()) {
            floatMetric.rename("Float accuracy");
            quantMetric.rename("Quantized accuracy");
            agreement.rename("Argmax agreement");
            floatMetric.set(pct(m.floatAccuracy()), "Accuracy of " + floatModel + " on the dataset");
            quantMetric.set(pct(m.quantizedAccuracy()), "Accuracy of the integer program the proof runs");
            agreement.set(pct(m.argmaxAgreement()), "Samples where " + floatModel + " and the integer program predict the same class");
        } else {
            floatMetric.rename("Float MAE");
            quantMetric.rename("Quantized MAE");
            agreement.rename("MAE vs float");
            floatMetric.set(num(floatMae.orElse(Double.NaN)), floatMae.isPresent()
                    ? "Mean absolute error of the float model on the sample's test split, measured at training"
                    : "The float model's error against the targets is not measured for this model");
            quantMetric.set(num(m.maeVsLabels()), "Mean absolute error of the integer program against the targets");
            agreement.set(num(m.maeVsFloat()), "How far the integer program's output is from " + floatModel + "'s");
        }
        if (!report.isClean()) {
            overflow.rename("Overflow");
            overflow.set(Format.count(report.totalCount()), report.summary());
            overflow.state("tile-bad");
        } else if (collapse.isPresent()) {
            overflow.rename(collapse.get().clips() ? "Clipping" : "Collapse");
            overflow.set(collapse.get().clips() ? CollapseCheck.percent(collapse.get().clippedShare()) + " in "
                    + collapse.get().layer() : collapse.get().headline(), "No value overflowed, but: "
                    + collapse.get().message());
            overflow.state("tile-warn");
        } else {
            overflow.rename("Overflow");
            overflow.set("None", "No value overflowed its type or bound on this dataset, and no layer clips"
                    + " enough to matter");
            overflow.state("tile-good");
        }
    }

    /**
     * The compiled program's cost, with the chart's bars in graph order between the function's own
     * parts; null clears them.
     *
     * @param previousTotal the total of the program shown before (the change is shown), or null
     */
    public void showCost(List<String> nodeOrder, ProgramCost cost, Long previousTotal) {
        boolean has = cost != null;
        hasCost = has;
        showChart();
        setCostUpdating(false);
        if (!has) {
            constraints.set(Format.NO_DATA, "Constraint counts appear once the program has been generated");
            constraintsDelta.setText("");
            srs.set(Format.NO_DATA, "The SRS degree follows from the constraint count");
            proving.set(Format.NO_DATA, "Proving time and memory follow from the SRS degree");
            costChart.getData().clear();
            return;
        }
        long total = cost.totalConstraints();
        // Exact or an estimate with its largest error, as `zkml cost` and export.json say (issue #17).
        io.zkml.workbench.export.CompiledModel program = cost.program();
        Long bound = program.totalErrorBound();
        String where = cost.transitions() > 1
                ? "the " + cost.transitions() + " programs of the chain (every transition together; the table under"
                + " the graph lists each)" : program.programId();
        constraints.set(Format.count(total) + (bound == null ? "" : " ± " + Format.count(bound)),
                Format.count(total) + " constraints in " + where + " (" + program.totalExactness()
                + ", as `zkml cost` prints" + (program.totalExact() ? ""
                : "; not verified on this shape: " + String.join(", ", program.notExact())) + ")");
        long change = previousTotal == null ? 0 : total - previousTotal;
        constraintsDelta.setText(change == 0 ? "" : String.format(Locale.US, "%+,d since the last edit", change));
        srs.set("2^" + cost.srsDegreeLog2(), "The proof needs the universal SRS of degree 2^" + cost.srsDegreeLog2());
        ProvingEstimate e = cost.estimate();
        proving.set(estimateText(e), String.format(Locale.US, "First proof ≈ %s: key synthesis ≈ %s (once per program,"
                        + " then cached) and the proof ≈ %s; peak memory ≈ %,.0f MB.%nBasis: %s (as `zkml cost`)%nFees: %s",
                Format.duration(e.synthesisSeconds() + e.provingSeconds()), Format.duration(e.synthesisSeconds()),
                Format.duration(e.provingSeconds()), e.peakMemoryMb(), e.basis(), cost.fees().describe()));
        java.util.List<XYChart.Data<Number, String>> bars = new java.util.ArrayList<>();
        java.util.Map<String, Long> byNode = cost.constraintsByNode();
        // The function's own parts are bars of their own on every model, labelled so no layer can share them.
        bars.add(new XYChart.Data<>(cost.functionOverhead(), unique(FUNCTION_BAR, byNode.keySet())));
        if (cost.inputs() > 0) {
            bars.add(new XYChart.Data<>(cost.inputs(), unique(INPUTS_BAR, byNode.keySet())));
        }
        if (cost.handoffs() > 0) {
            bars.add(new XYChart.Data<>(cost.handoffs(), unique(HANDOFFS_BAR, byNode.keySet())));
        }
        for (String n : nodeOrder) {
            Long c = byNode.get(n);
            if (c != null) {
                bars.add(new XYChart.Data<>(c, n));
            }
        }
        if (cost.commitsToWeights()) {
            bars.add(new XYChart.Data<>(cost.commitment(), unique(COMMITMENT_BAR, byNode.keySet())));
        }
        bars.add(new XYChart.Data<>(cost.outputs(), unique(OUTPUTS_BAR, byNode.keySet())));
        // A vertical category axis puts its first category at the bottom: reversed, the bars read down in graph order.
        java.util.Collections.reverse(bars);
        List<XYChart.Data<Number, String>> shown = costChart.getData().isEmpty() ? List.of()
                : costChart.getData().get(0).getData();
        if (shown.stream().map(XYChart.Data::getYValue).toList().equals(bars.stream().map(XYChart.Data::getYValue).toList())) {
            // The same bars (a bit-width change): new lengths only, not a new series whose bars are all new nodes.
            for (int i = 0; i < bars.size(); i++) {
                if (!shown.get(i).getXValue().equals(bars.get(i).getXValue())) {
                    shown.get(i).setXValue(bars.get(i).getXValue());
                }
            }
            scaleValueAxis();
            return;
        }
        XYChart.Series<Number, String> s = new XYChart.Series<>();
        s.getData().setAll(bars);
        costChart.getData().setAll(List.of(s));
        // Six bars fill the 170 px with their labels; JavaFX hides every other label once a bar's slot is
        // lower than its label, so a chain's chart with inputs and hand-offs (fashion-cnn: seven) grows instead,
        // its minimum too (a window short of room shrinks every part of the editor, the chart with the graph).
        double height = CHART_HEIGHT + Math.max(0, bars.size() - 6) * CHART_HEIGHT_PER_EXTRA_BAR;
        costChart.setPrefHeight(height);
        costChart.setMinHeight(bars.size() > 6 ? height : USE_COMPUTED_SIZE);
        scaleValueAxis();
    }

    private static final double CHART_HEIGHT = 170;
    /** The least room for the bars themselves beside the chart's labels, in em of the dashboard's text. */
    private static final double BAR_AREA_EM = 8;
    private static final double CHART_HEIGHT_PER_EXTRA_BAR = 20;

    /** About one tick per 4.5 em of its labels' font (room for "462.5k" and a gap), at a 1-2-2.5-5 step. */
    private void scaleValueAxis() {
        NumberAxis x = (NumberAxis) costChart.getXAxis();
        long max = costChart.getData().isEmpty() ? 0 : costChart.getData().get(0).getData().stream()
                .mapToLong(d -> d.getXValue().longValue()).max().orElse(0);
        int ticks = (int) Math.max(2, Math.min(6, x.getWidth() / (4.5 * x.getTickLabelFont().getSize())));
        double unit = niceUnit(Math.max(1, max) / (double) ticks);
        x.setTickUnit(unit);
        x.setUpperBound(Math.max(unit, Math.ceil(max / unit) * unit));
    }

    /** The smallest of 1, 2, 2.5 and 5 times a power of ten that is at least {@code raw} (and at least 1). */
    static double niceUnit(double raw) {
        if (raw <= 1) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 2.5, 5}) {
            if (m * power >= raw) {
                return m * power;
            }
        }
        return 10 * power;
    }

    /** Tick labels of the value axis that overlap a neighbour (tests). */
    public java.util.List<String> overlappingTicks() {
        java.util.List<javafx.scene.text.Text> shown = costChart.getXAxis().getChildrenUnmodifiable().stream()
                .filter(n -> n instanceof javafx.scene.text.Text && n.isVisible()).map(n -> (javafx.scene.text.Text) n)
                .sorted(java.util.Comparator.comparingDouble(t -> t.getBoundsInParent().getMinX())).toList();
        java.util.List<String> out = new java.util.ArrayList<>();
        for (int i = 1; i < shown.size(); i++) {
            if (shown.get(i).getBoundsInParent().getMinX() < shown.get(i - 1).getBoundsInParent().getMaxX() + 2) {
                out.add(shown.get(i - 1).getText() + "|" + shown.get(i).getText());
            }
        }
        return out;
    }

    /** The chart's bar for the functions' fixed overhead (with an input no larger than the reference's). */
    public static final String FUNCTION_BAR = "function overhead";
    /** The chart's bar for receiving the model's inputs, beyond the reference input the overhead holds. */
    public static final String INPUTS_BAR = "inputs";
    /** The chart's bar for a chain's passing of activations from program to program. */
    public static final String HANDOFFS_BAR = "hand-offs";
    public static final String OUTPUTS_BAR = "outputs";
    public static final String COMMITMENT_BAR = "weights commitment";

    /** A bar label no layer has (the chart's categories are strings; a layer may be called anything). */
    private static String unique(String label, java.util.Set<String> layers) {
        String l = label;
        while (layers.contains(l)) {
            l = "(" + l + ")";
        }
        return l;
    }

    /**
     * A newer program is being compiled: the cost tiles keep the last program's figures, marked as
     * updating, rather than show a number of another program or nothing.
     */
    public void setCostUpdating(boolean updating) {
        for (Tile t : List.of(constraints, srs, proving, limits)) {
            t.pseudoClassStateChanged(UPDATING, updating);
        }
        constraints.caption.setText(updating ? "Constraints (updating…)" : "Constraints");
        costUpdating = updating;
    }

    public boolean costUpdating() {
        return costUpdating;
    }

    /** The bars of the cost chart: label and constraints, in order from the top. */
    public java.util.LinkedHashMap<String, Long> chartBars() {
        java.util.LinkedHashMap<String, Long> bars = new java.util.LinkedHashMap<>();
        if (!costChart.getData().isEmpty()) {
            java.util.List<XYChart.Data<Number, String>> d = new java.util.ArrayList<>(costChart.getData().get(0).getData());
            java.util.Collections.reverse(d);
            d.forEach(b -> bars.put(b.getYValue(), b.getXValue().longValue()));
        }
        return bars;
    }

    /** The bars whose label the chart's axis hides (tests: JavaFX drops category labels it finds too tight). */
    public java.util.List<String> unlabelledBars() {
        if (costChart.getData().isEmpty() || !costChart.isVisible()) {
            return List.of();
        }
        return ((CategoryAxis) costChart.getYAxis()).getTickMarks().stream()
                .filter(t -> !t.isTextVisible()).map(javafx.scene.chart.Axis.TickMark::getValue).toList();
    }

    /**
     * The bars that cannot be seen: a bar under 2 px thick, outside the chart, under a pixel long for a
     * figure of at least 1% of the largest, or the largest shorter than half the bar area the chart is
     * given room for (tests; the chart's labels once squeezed its bars to nothing).
     */
    public java.util.List<String> invisibleBars() {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (costChart.getData().isEmpty() || !costChart.isVisible()) {
            return out;
        }
        javafx.geometry.Bounds chart = costChart.localToScene(costChart.getLayoutBounds());
        long max = costChart.getData().get(0).getData().stream().mapToLong(d -> d.getXValue().longValue()).max().orElse(0);
        double em = calibrate.getFont().getSize();
        for (XYChart.Data<Number, String> d : costChart.getData().get(0).getData()) {
            javafx.scene.Node bar = d.getNode();
            if (d.getXValue().longValue() <= 0) {
                continue;
            }
            javafx.geometry.Bounds b = bar == null ? null : bar.localToScene(bar.getLayoutBounds());
            boolean long_ = d.getXValue().longValue() * 100 >= max;
            boolean longest = d.getXValue().longValue() == max;
            if (b == null || long_ && b.getWidth() < 1 || longest && b.getWidth() < BAR_AREA_EM / 2 * em
                    || b.getHeight() < 2 || !chart.contains(b.getMinX(), b.getMinY())
                    || !chart.contains(b.getMaxX() - 0.5, b.getMaxY() - 0.5)) {
                out.add("the bar of " + d.getYValue() + " (" + d.getXValue() + " constraints) is not drawn: " + b);
            }
        }
        return out;
    }

    /** What the tile shows for an estimate: the first proof (keys and proof) and its peak memory. */
    public static String estimateText(ProvingEstimate e) {
        return "≈ " + Format.duration(e.synthesisSeconds() + e.provingSeconds()) + " · "
                + Format.memoryGb(e.peakMemoryMb());
    }

    /**
     * Every Aleo limit checked for the generated program, or null with the reason there is none.
     * Limits whose failure only means downloading SRS files are told apart from blocking ones.
     */
    public void showLimits(List<CostReport.LimitRow> rows, String why) {
        if (rows == null) {
            limits.state(null);
            limitRows.clear();
            limits.set(Format.NO_DATA, why);
            return;
        }
        limitRows.setAll(rows);
        CostReport.LimitsSummary summary = CostReport.LimitsSummary.of(rows);
        String headline = summary.aleoLimits();
        String value = Character.toUpperCase(headline.charAt(0)) + headline.substring(1);
        if (summary.failed() == 0 && summary.beyondOffline() == 0) {
            limits.set(value, "The program is within every Aleo limit checked; click for each with its numbers");
            limits.state("tile-good");
        } else {
            // Amber when the program fits Aleo and only this machine's SRS files fall short.
            limits.set(value, rows.stream().filter(r -> !r.passed())
                    .map(r -> r.what() + ": " + Format.count(r.actual()) + " > " + Format.count(r.allowed())
                            + (r.blocking() ? "" : " (not blocking: proving downloads the SRS files)"))
                    .collect(java.util.stream.Collectors.joining("\n")) + "\nClick for every limit with its numbers");
            limits.state(summary.failed() > 0 ? "tile-bad" : "tile-warn");
        }
    }

    /** Opens the list of every limit beside the tile. */
    void showLimits() {
        PopOver p = limitsPopOver.get();
        if (p == null) {
            Label title = new Label("Aleo limits, as `zkml cost` checks them");
            title.getStyleClass().add(Styles.TEXT_BOLD);
            Label note = new Label("Exceeding the offline SRS does not block: proving downloads the larger"
                    + " parameter files first (slower, and needs the network).");
            note.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            VBox box = new VBox(8, title, limitsTable, note);
            box.setPadding(new Insets(10));
            p = new PopOver(box);
            p.setArrowLocation(PopOver.ArrowLocation.BOTTOM_CENTER);
            p.setDetachable(false);
            p.setAnimated(false);
            limitsPopOver.set(p);
        }
        if (!p.isShowing()) {
            p.show(limits);
        }
    }

    /** The popover listing every limit, once it has been opened. */
    public java.util.Optional<PopOver> limitsPopOver() {
        return java.util.Optional.ofNullable(limitsPopOver.get());
    }

    public List<CostReport.LimitRow> limitRows() {
        return List.copyOf(limitRows);
    }

    private static TableView<CostReport.LimitRow> limitsTable(ObservableList<CostReport.LimitRow> rows) {
        TableView<CostReport.LimitRow> t = new TableView<>(rows);
        t.setId("limitsTable");
        t.getStyleClass().addAll(Styles.DENSE, "limits-table");
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // Tall enough for every row: the list is short and should read without scrolling.
        t.setFixedCellSize(28);
        t.prefHeightProperty().bind(javafx.beans.binding.Bindings.size(rows).multiply(28).add(40));
        t.setPrefWidth(1190);
        TableColumn<CostReport.LimitRow, String> status = column("", 70, r -> r.passed() ? "ok" : "FAIL");
        status.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                getStyleClass().removeAll("limit-ok", "limit-fail", "limit-warn");
                CostReport.LimitRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                if (row != null) {
                    getStyleClass().add(row.passed() ? "limit-ok" : row.blocking() ? "limit-fail" : "limit-warn");
                }
            }
        });
        t.getColumns().setAll(List.of(status,
                column("limit", 270, CostReport.LimitRow::limit),
                column("actual", 90, r -> Format.count(r.actual())),
                column("allowed", 100, r -> r.allowed() == Long.MAX_VALUE ? "no limit" : Format.count(r.allowed())),
                column("what", 640, CostReport.LimitRow::what)));
        return t;
    }

    private static TableColumn<CostReport.LimitRow, String> column(String name, double width,
                                                                  java.util.function.Function<CostReport.LimitRow, String> f) {
        TableColumn<CostReport.LimitRow, String> c = new TableColumn<>(name);
        // A minimum, not a preference: the constrained policy otherwise squeezes the figures.
        c.setMinWidth(width);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new javafx.beans.property.SimpleStringProperty(f.apply(d.getValue())));
        c.setSortable(false);
        return c;
    }

    public String text(String tileId) {
        return switch (tileId) {
            case "floatMetric" -> floatMetric.value.getText();
            case "quantMetric" -> quantMetric.value.getText();
            case "agreement" -> agreement.value.getText();
            case "overflowStatus" -> overflow.value.getText();
            case "constraintsTotal" -> constraints.value.getText();
            case "srsDegree" -> srs.value.getText();
            case "provingEstimate" -> proving.value.getText();
            case "constraintsDelta" -> constraintsDelta.getText();
            case "aleoLimits" -> limits.value.getText();
            default -> throw new IllegalArgumentException(tileId);
        };
    }

    /** A tile's tooltip text, e.g. which float model the float accuracy is measured with. */
    public String tooltip(String tileId) {
        return ((Tile) lookup("#" + tileId)).tip;
    }

    /** A tile's tooltip itself (one per tile, retitled as the figures change), for tests. */
    public Tooltip tileTooltip(String tileId) {
        return ((Tile) lookup("#" + tileId)).tooltip;
    }

    /** A tile's caption, e.g. "Clipping" when the overflow tile reports a collapse. */
    public String caption(String tileId) {
        return ((Tile) lookup("#" + tileId)).caption.getText();
    }

    /** Whether a tile carries a state class (tile-good, tile-warn, tile-bad). */
    public boolean tileIs(String tileId, String styleClass) {
        return lookup("#" + tileId).getStyleClass().contains(styleClass);
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? Format.NO_DATA : String.format(Locale.US, "%.2f%%", 100 * v);
    }

    private static String num(double v) {
        return Double.isNaN(v) ? Format.NO_DATA : Format.value(v);
    }

    /** A figure with its caption, e.g. "97.21%" over "Quantized accuracy". */
    private static final class Tile extends VBox {
        final Label caption = new Label();
        private final Label value = new Label();
        private String tip = "";
        private static final List<String> STATES = List.of("tile-bad", "tile-good", "tile-warn");
        /** Installed at the first figure and then only retitled: a new tooltip per figure cost an install per update. */
        private Tooltip tooltip;

        Tile(String id, String name) {
            super(2);
            setId(id);
            getStyleClass().add("dashboard-tile");
            caption.setText(name);
            caption.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            value.getStyleClass().addAll(Styles.TITLE_3, "tile-value");
            value.setId(id + "Value");
            getChildren().addAll(caption, value);
        }

        void rename(String name) {
            caption.setText(name);
        }

        /**
         * Gives the tile one state class (tile-good, tile-warn, tile-bad; null: none). Unchanged, the classes
         * are left alone: removing and adding one restyles the tile, on every evaluation.
         */
        void state(String stateClass) {
            List<String> now = getStyleClass().stream().filter(STATES::contains).toList();
            if (now.equals(stateClass == null ? List.of() : List.of(stateClass))) {
                return;
            }
            getStyleClass().removeAll(STATES);
            if (stateClass != null) {
                getStyleClass().add(stateClass);
            }
        }

        void set(String v, String tip) {
            value.setText(v);
            this.tip = tip;
            if (tooltip == null) {
                tooltip = new Tooltip();
                Tooltip.install(this, tooltip);
            }
            tooltip.setText(tip);
        }
    }
}
