package io.zkml.workbench.ui.graph;

import io.zkml.workbench.ui.format.Format;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Tells the user what the heat-map colours mean and where the scale tops out. */
public final class HeatLegend extends VBox {

    private final Label title = new Label();
    private final Label high = new Label();

    public HeatLegend() {
        getStyleClass().add("heat-legend");
        title.getStyleClass().add("heat-legend-title");
        Region bar = new Region();
        bar.getStyleClass().add("heat-legend-bar");
        bar.setStyle("-fx-background-color: " + HeatScale.cssGradient() + ";");
        Label low = new Label("0");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox scale = new HBox(low, gap, high);
        scale.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(title, bar, scale);
        setFillWidth(true);
    }

    public void show(HeatMetric metric, double max) {
        title.setText(max > 0 ? metric.toString() : metric + ": no data yet");
        high.setText(max <= 0 ? "" : metric == HeatMetric.CONSTRAINT_SHARE ? Format.percent(max) : Format.value(max));
    }
}
