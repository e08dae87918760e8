package io.zkml.workbench.ui;

import atlantafx.base.theme.Styles;
import io.zkml.workbench.quant.OutputMetrics;
import io.zkml.workbench.quant.OverflowReport;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

import java.util.List;
import java.util.Locale;

/**
 * The strip under the graph: what quantization did to the whole model (float vs quantized
 * accuracy or error, argmax agreement, overflow) and, once a cost model is plugged in, what the
 * proof costs. The actions that change the whole spec (calibrate) live here too.
 */
final class Dashboard extends HBox {

    final Button calibrate = new Button("Calibrate", new FontIcon(MaterialDesignT.TUNE_VARIANT));
    final Button chooseDataset = new Button("Dataset…", new FontIcon(MaterialDesignD.DATABASE_IMPORT_OUTLINE));
    private final Tile floatMetric = new Tile("floatMetric", "Float accuracy");
    private final Tile quantMetric = new Tile("quantMetric", "Quantized accuracy");
    private final Tile agreement = new Tile("agreement", "Argmax agreement");
    private final Tile overflow = new Tile("overflowStatus", "Overflow");
    private final Tile constraints = new Tile("constraintsTotal", "Constraints");
    private final Tile srs = new Tile("srsDegree", "SRS degree");
    private final ProgressIndicator busy = new ProgressIndicator();
    private final Label datasetLabel = new Label();
    private final BarChart<String, Number> costChart;

    Dashboard() {
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

        CategoryAxis x = new CategoryAxis();
        NumberAxis y = new NumberAxis();
        y.setLabel("constraints");
        costChart = new BarChart<>(x, y);
        costChart.setId("costChart");
        costChart.setTitle("Constraints per layer");
        costChart.setAnimated(false);
        costChart.setLegendVisible(false);
        costChart.setPrefSize(420, 170);
        costChart.setMinWidth(300);

        VBox actions = new VBox(6, calibrate, chooseDataset, datasetLabel);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        getChildren().addAll(floatMetric, quantMetric, agreement, overflow, constraints, srs, busy, grow, costChart,
                actions);
        showCost(List.of(), null);
        clear("Open a model to see what quantization costs.");
    }

    void setBusy(boolean running) {
        busy.setVisible(running);
    }

    void setDataset(String text) {
        datasetLabel.setText(text);
    }

    /** Nothing measured (no model, or no dataset yet). */
    void clear(String why) {
        for (Tile t : List.of(floatMetric, quantMetric, agreement, overflow)) {
            t.set(Format.NO_DATA, why);
        }
    }

    /**
     * @param floatMae the float model's MAE on the same data when known (the core reports only the
     *                 quantized model's; for bundled samples the catalogue holds the measured figure)
     */
    void showOutput(OutputMetrics m, OverflowReport report, java.util.OptionalDouble floatMae) {
        if (m.classifier()) {
            floatMetric.rename("Float accuracy");
            quantMetric.rename("Quantized accuracy");
            agreement.rename("Argmax agreement");
            floatMetric.set(pct(m.floatAccuracy()), "Accuracy of the float (DL4J) model on the dataset");
            quantMetric.set(pct(m.quantizedAccuracy()), "Accuracy of the integer program the proof runs");
            agreement.set(pct(m.argmaxAgreement()), "Samples where float and quantized predict the same class");
        } else {
            floatMetric.rename("Float MAE");
            quantMetric.rename("Quantized MAE");
            agreement.rename("MAE vs float");
            floatMetric.set(num(floatMae.orElse(Double.NaN)), floatMae.isPresent()
                    ? "Mean absolute error of the float model on the sample's test split, measured at training"
                    : "The float model's error against the targets is not measured for this model");
            quantMetric.set(num(m.maeVsLabels()), "Mean absolute error of the integer program against the targets");
            agreement.set(num(m.maeVsFloat()), "How far the integer program's output is from the float model's");
        }
        overflow.getStyleClass().removeAll("tile-bad", "tile-good");
        if (report.isClean()) {
            overflow.set("None", "No value overflowed its type or bound on this dataset");
            overflow.getStyleClass().add("tile-good");
        } else {
            overflow.set(Format.count(report.totalCount()), report.summary());
            overflow.getStyleClass().add("tile-bad");
        }
    }

    /** Cost figures with the chart's bars in graph order; null clears them. */
    void showCost(List<String> nodeOrder, CostProvider.Figures cost) {
        boolean has = cost != null;
        costChart.setVisible(has);
        costChart.setManaged(has);
        if (!has) {
            constraints.set(Format.NO_DATA, "Constraint counts appear once a cost model is plugged in");
            srs.set(Format.NO_DATA, "The SRS degree follows from the constraint count");
            costChart.getData().clear();
            return;
        }
        constraints.set(Format.compact(cost.totalConstraints()), Format.count(cost.totalConstraints()) + " constraints");
        srs.set("2^" + cost.srsDegreeLog2(), "The proof needs the universal SRS of degree 2^" + cost.srsDegreeLog2());
        XYChart.Series<String, Number> s = new XYChart.Series<>();
        for (String n : nodeOrder) {
            Long c = cost.constraintsByNode().get(n);
            if (c != null) {
                s.getData().add(new XYChart.Data<>(n, c));
            }
        }
        costChart.getData().setAll(List.of(s));
    }

    String text(String tileId) {
        return switch (tileId) {
            case "floatMetric" -> floatMetric.value.getText();
            case "quantMetric" -> quantMetric.value.getText();
            case "agreement" -> agreement.value.getText();
            case "overflowStatus" -> overflow.value.getText();
            case "constraintsTotal" -> constraints.value.getText();
            case "srsDegree" -> srs.value.getText();
            default -> throw new IllegalArgumentException(tileId);
        };
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? Format.NO_DATA : String.format(Locale.US, "%.2f%%", 100 * v);
    }

    private static String num(double v) {
        return Double.isNaN(v) ? Format.NO_DATA : Format.value(v);
    }

    /** A figure with its caption, e.g. "97.21%" over "Quantized accuracy". */
    private static final class Tile extends VBox {
        private final Label caption = new Label();
        private final Label value = new Label();

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

        void set(String v, String tip) {
            value.setText(v);
            Tooltip.install(this, new Tooltip(tip));
        }
    }
}
