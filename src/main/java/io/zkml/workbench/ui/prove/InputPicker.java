package io.zkml.workbench.ui.prove;

import javafx.scene.layout.Region;
import io.zkml.workbench.ui.Wrapped;
import io.zkml.workbench.ui.format.Format;

import io.zkml.workbench.data.RowValues;
import atlantafx.base.theme.Styles;
import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.ui.format.Format;
import io.zkml.workbench.data.Dataset;
import io.zkml.workbench.data.TaskKind;
import io.zkml.workbench.session.ModelSession;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Chooses what to run the program on: a row of the model's dataset (8x8 images are shown as a
 * small grey picture) or feature values typed as in the dataset CSV.
 */
public final class InputPicker extends VBox {

    private final ToggleGroup mode = new ToggleGroup();
    private final RadioButton fromRow = new RadioButton("Dataset row");
    private final RadioButton fromText = new RadioButton("Typed values");
    public final Spinner<Integer> row = new Spinner<>(0, 0, 0);
    final TextField values = new TextField();
    private final Label rowInfo = new Label();
    private final ImageView picture = new ImageView();
    private ModelSession session;

    public InputPicker() {
        getStyleClass().add("input-picker");
        setSpacing(8);
        fromRow.setToggleGroup(mode);
        fromText.setToggleGroup(mode);
        fromRow.setSelected(true);
        row.setId("inputRow");
        row.setEditable(true);
        row.setPrefWidth(110);
        values.setId("inputValues");
        values.setPromptText("e.g. 5.1, 3.5, 1.4, 0.2");
        rowInfo.setId("inputRowInfo");
        rowInfo.getStyleClass().add(Styles.TEXT_MUTED);
        Wrapped.wrapped(rowInfo);
        // The choices keep their whole names; the row spinner and the values field give way.
        fromRow.setMinWidth(Region.USE_PREF_SIZE);
        fromText.setMinWidth(Region.USE_PREF_SIZE);
        picture.setFitWidth(64);
        picture.setFitHeight(64);
        picture.setSmooth(false);
        picture.getStyleClass().add("digit-picture");
        HBox rowLine = new HBox(8, fromRow, row, picture);
        rowLine.setAlignment(Pos.CENTER_LEFT);
        HBox textLine = new HBox(8, fromText, values);
        textLine.setAlignment(Pos.CENTER_LEFT);
        values.disableProperty().bind(fromText.selectedProperty().not());
        row.disableProperty().bind(fromRow.selectedProperty().not());
        row.valueProperty().addListener(o -> describeRow());
        getChildren().addAll(rowLine, rowInfo, textLine);
    }

    public void setSession(ModelSession s) {
        if (s == session) {
            return;
        }
        session = s;
        int n = s == null ? 0 : s.dataset().map(Dataset::size).orElse(0);
        fromRow.setDisable(n == 0);
        if (n == 0) {
            fromText.setSelected(true);
        }
        row.setValueFactory(new javafx.scene.control.SpinnerValueFactory.IntegerSpinnerValueFactory(0,
                Math.max(0, n - 1), 0));
        describeRow();
    }

    /** Switches to typed values and types {@code csv}, as a user would (for tests and scripts). */
    public void typeValues(String csv) {
        fromText.setSelected(true);
        values.setText(csv);
    }

    /** The chosen input; a clear error when there is none or the typed values do not fit the model. */
    public ProofInput choice() {
        if (session == null) {
            throw new WorkbenchException("open a model first");
        }
        if (fromRow.isSelected()) {
            return ProofInput.ofRow(session, row.getValue());
        }
        int expected = session.graph().nodes().get(0).outputShape().size();
        float[] v = RowValues.parse(values.getText(), "value");
        if (v.length != expected) {
            throw new WorkbenchException("the model takes " + expected + " values; " + v.length + " were typed");
        }
        return ProofInput.typed(session, v);
    }

    /** A CSV with numeric labels (any model that is not a bundled sample) names no classes: show the number. */
    private static String className(Dataset d, int label) {
        return label < d.classNames().size() ? d.classNames().get(label) : Integer.toString(label);
    }

    private void describeRow() {
        Dataset d = session == null ? null : session.dataset().orElse(null);
        Integer i = row.getValue();
        if (d == null || i == null || i >= d.size()) {
            rowInfo.setText("");
            picture.setImage(null);
            return;
        }
        float[] f = d.features()[i];
        String label = d.task() == TaskKind.CLASSIFICATION ? "label " + className(d, d.labels()[i]) : "target "
                + Format.value(d.targets()[i]);
        boolean image = f.length == 64;
        rowInfo.setText(label + (image ? "  ·  8x8 image" : "  ·  " + IntStream.range(0, Math.min(f.length, 8))
                .mapToObj(k -> String.format(Locale.US, "%.2f", f[k])).collect(Collectors.joining(", "))
                + (f.length > 8 ? ", … (" + f.length + " values)" : "")));
        picture.setImage(image ? grey(f) : null);
        picture.setVisible(image);
        picture.setManaged(image);
        values.setText(IntStream.range(0, f.length).mapToObj(k -> String.format(Locale.US, "%s", f[k]))
                .collect(Collectors.joining(", ")));
    }

    /** Dark ink on light paper, scaled to the row's own range, as the digits dataset is drawn. */
    private static WritableImage grey(float[] f) {
        float max = 0;
        for (float v : f) {
            max = Math.max(max, v);
        }
        WritableImage img = new WritableImage(8, 8);
        PixelWriter w = img.getPixelWriter();
        for (int k = 0; k < 64; k++) {
            double ink = max <= 0 ? 0 : Math.min(1, f[k] / max);
            w.setColor(k % 8, k / 8, Color.gray(1 - ink));
        }
        return img;
    }
}
