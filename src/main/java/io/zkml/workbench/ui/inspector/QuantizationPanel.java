package io.zkml.workbench.ui.inspector;

import io.zkml.workbench.ui.EvaluationSnapshot;
import io.zkml.workbench.ui.format.Format;

import atlantafx.base.theme.Styles;
import io.zkml.workbench.graph.Activation;
import io.zkml.workbench.graph.LayerOp;
import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.graph.Node;
import io.zkml.workbench.project.ActivationRange;
import io.zkml.workbench.quant.Approximation;
import io.zkml.workbench.quant.Domain;
import io.zkml.workbench.quant.Histogram;
import io.zkml.workbench.quant.LayerError;
import io.zkml.workbench.quant.LayerQuant;
import io.zkml.workbench.quant.OutputMode;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.Rounding;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The inspector's quantization controls for one node, bound to the workspace's spec through
 * {@link QuantSpec#withLayer}, with that node's live error figures and two charts. Controls are
 * built when the selection changes; a new evaluation only refreshes numbers and charts, so a
 * spinner the user is clicking is never rebuilt under the mouse.
 */
public final class QuantizationPanel extends VBox {

    static final List<Approximation> APPROXIMATIONS = List.of(Approximation.piecewiseLinear(8),
            Approximation.piecewiseLinear(16), Approximation.piecewiseLinear(32), Approximation.piecewiseLinear(64),
            Approximation.poly(3), Approximation.poly(5), Approximation.poly(7));

    private final Supplier<QuantSpec> spec;
    private final Consumer<QuantSpec> onEdit;
    private final GridPane controls = grid();
    private final GridPane numbers = grid();
    private final Label note = new Label();
    private final BarChart<String, Number> errorChart = histogramChart("Error (quantized − float)");
    private final BarChart<String, Number> rangeChart = histogramChart("Activation value");
    private final Label errorAxis = caption();
    private final Label rangeAxis = caption();
    private Node node;
    private boolean updating;
    private boolean chartsShowing = true;
    /** The charts show an older evaluation than the figures, because they were hidden when it came. */
    private boolean chartsStale;
    private EvaluationSnapshot shownSnapshot;

    public QuantizationPanel(Supplier<QuantSpec> spec, Consumer<QuantSpec> onEdit) {
        super(10);
        this.spec = spec;
        this.onEdit = onEdit;
        getStyleClass().add("quantization-panel");
        note.setWrapText(true);
        note.getStyleClass().add(Styles.TEXT_MUTED);
        errorChart.setId("errorHistogram");
        rangeChart.setId("activationRange");
    }

    /** Rebuilds the controls for a node; {@code snapshot} may be null (no evaluation yet). */
    public void showNode(ModelGraph graph, Node n, EvaluationSnapshot snapshot, boolean hasDataset) {
        node = n;
        controls.getChildren().clear();
        QuantSpec s = spec.get();
        if (s == null) {
            note.setText(hasDataset ? "Calibrating…" : "Choose a dataset (CSV, features first, label last) to "
                    + "calibrate the model: the quantization controls start from the calibrated spec.");
            getChildren().setAll(note);
            return;
        }
        updating = true;
        try {
            int r = 0;
            if (n.op() instanceof LayerOp.Input) {
                controls.addRow(r++, key("Input frac bits"), spinner("inputFracBits", LayerQuant.MIN_FRAC_BITS,
                        LayerQuant.MAX_FRAC_BITS, s.inputFracBits(), v -> spec.get().withInput(v, spec.get().inputBits()),
                        "Fractional bits of the quantized model input"));
                controls.addRow(r++, key("Input bits"), spinner("inputBits", 2, 48, s.inputBits(),
                        v -> spec.get().withInput(spec.get().inputFracBits(), v), "The input is clamped to this width"));
            } else if (s.layer(n.name()) != null) {
                r = layerControls(graph, n, s.layer(n.name()), r);
            }
            if (r == 0) {
                note.setText("This node only moves or selects values: it keeps its input's fixed-point format, "
                        + "so there is nothing to set.");
                getChildren().setAll(note);
            } else {
                note.setText("");
                getChildren().setAll(controls);
            }
        } finally {
            updating = false;
        }
        getChildren().addAll(numbers, errorChart, errorAxis, rangeChart, rangeAxis);
        showEvaluation(snapshot);
    }

    private int layerControls(ModelGraph graph, Node n, LayerQuant q, int r) {
        if (n.parameterCount() > 0) {
            controls.addRow(r++, key("Weight frac bits"), spinner("weightFracBits", LayerQuant.MIN_FRAC_BITS,
                    LayerQuant.MAX_FRAC_BITS, q.weightFracBits(), v -> edit(l -> l.withWeightFracBits(v)),
                    "Weights are stored as round(w · 2^bits)"));
        }
        controls.addRow(r++, key("Activation frac bits"), spinner("activationFracBits", LayerQuant.MIN_FRAC_BITS,
                LayerQuant.MAX_FRAC_BITS, q.activationFracBits(), v -> edit(l -> l.withActivationFracBits(v)),
                "Scale of this layer's output: more bits, finer steps, smaller range"));
        controls.addRow(r++, key("Activation bits (bound)"), spinner("activationBits", 2, 48, q.activationBits(),
                v -> edit(l -> l.withActivationBits(v)), "Every output must fit this many signed bits"));
        if (n.parameterCount() > 0 || n.op() instanceof LayerOp.ElementwiseAdd) {
            ComboBox<Domain> domain = combo("domain", List.of(Domain.values()), q.domain(),
                    v -> edit(l -> l.withDomain(v)), d -> d == Domain.FIELD ? "Field (no overflow)" : d.name());
            // The list says what the field means; the closed box shows "Field", which fits the column beside
            // the longest key at every A+ step (the whole text was cut to "Field (no overflo…").
            domain.setButtonCell(new javafx.scene.control.ListCell<>() {
                @Override
                protected void updateItem(Domain d, boolean empty) {
                    super.updateItem(d, empty);
                    setText(empty || d == null ? "" : d == Domain.FIELD ? "Field" : d.name());
                }
            });
            domain.setTooltip(new Tooltip("Field: exact arithmetic, no overflow. I8 … I128: Aleo's integer types, "
                    + "which abort the proof on overflow"));
            controls.addRow(r++, key("Arithmetic domain"), domain);
        }
        controls.addRow(r++, key("Rounding"), combo("rounding", List.of(Rounding.values()), q.rounding(),
                v -> edit(l -> l.withRounding(v)), x -> x == Rounding.FLOOR ? "Floor (shift)" : "Half up"));
        Activation.Kind act = n.op().activation().kind();
        if (act == Activation.Kind.SIGMOID || act == Activation.Kind.TANH) {
            controls.addRow(r++, key("Approximation"), combo("approximation", APPROXIMATIONS, q.approximation(),
                    v -> edit(l -> l.withApproximation(v)), QuantizationPanel::describe));
        }
        if (act == Activation.Kind.SOFTMAX && graph.outputs().contains(n.name())) {
            controls.addRow(r++, key("Output"), combo("outputMode", List.of(OutputMode.values()), q.outputMode(),
                    v -> edit(l -> l.withOutputMode(v)),
                    m -> m == OutputMode.ARGMAX ? "Class index (argmax)" : "Logits"));
        }
        return r;
    }

    static String describe(Approximation a) {
        return a.kind() == Approximation.Kind.PIECEWISE_LINEAR ? "Piecewise linear, " + a.segments() + " segments"
                : "Polynomial, degree " + a.degree();
    }

    private QuantSpec edit(UnaryOperator<LayerQuant> change) {
        QuantSpec s = spec.get();
        return s.withLayer(node.name(), change.apply(s.layer(node.name())));
    }

    /**
     * Whether the charts can be seen (the Inspector tab is selected and this section expanded).
     * Hidden charts are not rebuilt on every evaluation: a chart rebuild is most of an inspector
     * refresh on the FX thread, so they catch up with the latest evaluation once shown.
     */
    public void setChartsShowing(boolean showing) {
        chartsShowing = showing;
        if (showing && chartsStale) {
            fillCharts(shownSnapshot);
        }
    }

    /** Whether the charts are behind the figures because they were hidden, for tests. */
    public boolean chartsStale() {
        return chartsStale;
    }

    /** Refreshes the figures and charts of the shown node. */
    public void showEvaluation(EvaluationSnapshot snapshot) {
        shownSnapshot = snapshot;
        numbers.getChildren().clear();
        Optional<LayerError> err = snapshot == null || node == null ? Optional.empty() : snapshot.error(node.name());
        Optional<ActivationRange> range = snapshot == null || node == null ? Optional.empty()
                : snapshot.range(node.name());
        boolean any = err.isPresent() || range.isPresent();
        errorChart.setVisible(err.isPresent());
        errorChart.setManaged(err.isPresent());
        errorAxis.setManaged(err.isPresent());
        errorAxis.setVisible(err.isPresent());
        rangeChart.setVisible(range.isPresent());
        rangeChart.setManaged(range.isPresent());
        rangeAxis.setVisible(range.isPresent());
        rangeAxis.setManaged(range.isPresent());
        if (!any) {
            Label l = new Label(snapshot == null ? "Error figures appear once the model has been evaluated."
                    : "No figures for this node (it is folded into the layer before it).");
            l.setWrapText(true);
            l.getStyleClass().add(Styles.TEXT_MUTED);
            numbers.addRow(0, l);
            errorChart.getData().clear();
            rangeChart.getData().clear();
            chartsStale = false;
            return;
        }
        err.ifPresent(e -> {
            int r = 0;
            numbers.addRow(r++, key("Max |error|"), number("errMax", Format.value(e.maxAbsError())));
            numbers.addRow(r++, key("Mean abs error"), number("errMae", Format.value(e.mae())));
            numbers.addRow(r++, key("RMS error"), number("errRmse", Format.value(e.rmse())));
            numbers.addRow(r++, key("SQNR"), number("errSqnr", Double.isInfinite(e.sqnrDb()) ? "∞ (exact)"
                    : String.format(java.util.Locale.US, "%.1f dB", e.sqnrDb())));
            numbers.addRow(r, key("Clipped"), number("errClipped", Format.percent(e.saturatedFraction())));
            errorAxis.setText("Error histogram over " + Format.count(e.count()) + " values, from "
                    + Format.value(e.errorHistogram().min()) + " to " + Format.value(e.errorHistogram().max()));
        });
        range.ifPresent(a -> {
            rangeAxis.setText("Values " + Format.value(a.observedMin()) + " … " + Format.value(a.observedMax())
                    + " of the representable " + Format.value(a.representableMin()) + " … "
                    + Format.value(a.representableMax()) + " (" + Format.percent(a.spanUsed()) + " used)");
        });
        if (chartsShowing) {
            fillCharts(snapshot);
        } else {
            chartsStale = true;
        }
    }

    private void fillCharts(EvaluationSnapshot snapshot) {
        chartsStale = false;
        errorChart.getData().clear();
        rangeChart.getData().clear();
        if (snapshot == null || node == null) {
            return;
        }
        snapshot.error(node.name()).ifPresent(e -> fill(errorChart, e.errorHistogram()));
        snapshot.range(node.name()).ifPresent(a -> fill(rangeChart, a.usage()));
    }

    private static void fill(BarChart<String, Number> chart, Histogram h) {
        XYChart.Series<String, Number> series = new XYChart.Series<>();
        long[] counts = h.counts();
        for (int i = 0; i < counts.length; i++) {
            series.getData().add(new XYChart.Data<>(Integer.toString(i), counts[i]));
        }
        chart.getData().setAll(List.of(series));
    }

    // ---- widgets --------------------------------------------------------------------------

    private Spinner<Integer> spinner(String id, int min, int max, int value,
                                     java.util.function.IntFunction<QuantSpec> change, String tip) {
        Spinner<Integer> s = new Spinner<>(new SpinnerValueFactory.IntegerSpinnerValueFactory(min, max, value));
        s.setId(id);
        s.setEditable(true);
        s.setPrefWidth(110);
        s.setTooltip(new Tooltip(tip));
        s.valueProperty().addListener((obs, o, v) -> {
            if (!updating && v != null) {
                onEdit.accept(change.apply(v));
            }
        });
        return s;
    }

    private <T> ComboBox<T> combo(String id, List<T> items, T value, java.util.function.Function<T, QuantSpec> change,
                                  java.util.function.Function<T, String> text) {
        ComboBox<T> c = new ComboBox<>();
        c.setId(id);
        c.getItems().setAll(items);
        if (!items.contains(value)) {
            c.getItems().add(value);
        }
        c.setConverter(new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : text.apply(t);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        });
        c.setValue(value);
        c.valueProperty().addListener((obs, o, v) -> {
            if (!updating && v != null) {
                onEdit.accept(change.apply(v));
            }
        });
        return c;
    }

    private static BarChart<String, Number> histogramChart(String title) {
        CategoryAxis x = new CategoryAxis();
        x.setTickLabelsVisible(false);
        x.setTickMarkVisible(false);
        NumberAxis y = new NumberAxis();
        y.setMinorTickVisible(false);
        BarChart<String, Number> c = new BarChart<>(x, y);
        c.setTitle(title);
        c.setAnimated(false);
        c.setLegendVisible(false);
        c.setBarGap(0);
        // One grid line per bin would drown the bars.
        c.setVerticalGridLinesVisible(false);
        c.setCategoryGap(1);
        c.setPrefHeight(170);
        c.setMinHeight(150);
        c.getStyleClass().add("quant-chart");
        return c;
    }

    private static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(6);
        javafx.scene.layout.ColumnConstraints k = new javafx.scene.layout.ColumnConstraints();
        javafx.scene.layout.ColumnConstraints v = new javafx.scene.layout.ColumnConstraints();
        v.setHgrow(Priority.ALWAYS);
        g.getColumnConstraints().addAll(k, v);
        return g;
    }

    private static Label key(String text) {
        Label l = new Label(text);
        l.getStyleClass().addAll(Styles.TEXT_MUTED, "inspector-key");
        l.setMinWidth(Label.USE_PREF_SIZE);
        return l;
    }

    private static Label number(String id, String text) {
        Label l = new Label(text);
        l.setId(id);
        l.getStyleClass().addAll("inspector-value", "inspector-number");
        return l;
    }

    private static Label caption() {
        Label l = new Label();
        l.setWrapText(true);
        l.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED, "chart-caption");
        return l;
    }
}
