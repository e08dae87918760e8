package io.zkml.workbench.ui;

import atlantafx.base.theme.Styles;
import io.zkml.workbench.codegen.LineSpan;
import io.zkml.workbench.codegen.PrintedProgram;
import javafx.application.Platform;
import javafx.geometry.Pos;
import io.zkml.workbench.codegen.WeightsMode;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Tooltip;
import javafx.util.StringConverter;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;

import java.util.List;
import java.util.Optional;

/**
 * The generated program as Leo and as Aleo instructions, read-only and highlighted, with the lines
 * of the layer selected in the graph marked. When the model cannot be lowered the lowering's own
 * message stands where the code would be, since that message says what to change.
 */
public final class CodeView extends VBox {

    private final CodeArea leo = newArea("leoCode");
    private final CodeArea aleo = newArea("aleoCode");
    private final TabPane tabs = new TabPane();
    private final Label summary = new Label("No program yet");
    private final Label message = new Label();
    private final StackPane body = new StackPane();
    final Button export = new Button("Export project…", new FontIcon(MaterialDesignE.EXPORT));
    final ComboBox<WeightsMode> weights = new ComboBox<>(FXCollections.observableArrayList(WeightsMode.values()));
    /** What the chosen weights mode costs per weight over constant weights (issue #18's measure). */
    private final Label weightsCost = new Label();

    private GeneratedCode shown;
    private String layer;

    public CodeView() {
        getStyleClass().add("code-view");
        Tab leoTab = new Tab("Leo", new VirtualizedScrollPane<>(leo));
        leoTab.setGraphic(new FontIcon(MaterialDesignF.FILE_CODE_OUTLINE));
        leoTab.setId("leoTab");
        Tab aleoTab = new Tab("Aleo", new VirtualizedScrollPane<>(aleo));
        aleoTab.setGraphic(new FontIcon(MaterialDesignA.ALPHA_A_BOX_OUTLINE));
        aleoTab.setId("aleoTab");
        tabs.getTabs().addAll(leoTab, aleoTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getStyleClass().add(Styles.TABS_FLOATING);

        summary.setId("codeSummary");
        summary.getStyleClass().add(Styles.TEXT_MUTED);
        summary.setMinWidth(0);
        export.setId("exportProject");
        export.setDisable(true);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        weights.setId("weightsMode");
        weights.setValue(WeightsMode.CONSTANT);
        weights.setConverter(new StringConverter<>() {
            @Override
            public String toString(WeightsMode m) {
                return m == null ? "" : switch (m) {
                    case CONSTANT -> "Constant weights";
                    case PRIVATE_COMMITTED -> "Committed weights";
                    case PINNED -> "Pinned weights";
                };
            }

            @Override
            public WeightsMode fromString(String s) {
                return null;
            }
        });
        weights.setTooltip(new Tooltip("""
                Constant: the weights are literals in the program (cheapest; the program reveals the model).
                Committed: the weights are private inputs and the proof outputs their Poseidon commitment.
                Pinned: private weights that must hash to the commitment compiled into the program
                (computing it starts snarkVM)."""));
        // The summary gives way first; the controls keep their full labels.
        weights.setMinWidth(Region.USE_PREF_SIZE);
        export.setMinWidth(Region.USE_PREF_SIZE);
        weightsCost.setId("weightsCost");
        weightsCost.getStyleClass().add(Styles.TEXT_MUTED);
        weightsCost.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(8, summary, grow, weightsCost, weights, export);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("code-bar");

        message.setId("codeMessage");
        message.setWrapText(true);
        message.getStyleClass().add("code-message");
        message.setMaxWidth(Double.MAX_VALUE);
        StackPane.setAlignment(message, Pos.TOP_LEFT);
        body.getChildren().add(tabs);
        VBox.setVgrow(body, Priority.ALWAYS);
        getChildren().addAll(bar, body);
    }

    private static CodeArea newArea(String id) {
        CodeArea a = new CodeArea();
        a.setId(id);
        a.setEditable(false);
        a.setParagraphGraphicFactory(LineNumberFactory.get(a));
        return a;
    }

    /** The newest program for the open model. */
    public void show(GeneratedCode code) {
        shown = code;
        fill(leo, code.leo(), CodeHighlighter.LEO);
        fill(aleo, code.aleo(), CodeHighlighter.ALEO);
        body.getChildren().setAll(tabs);
        export.setDisable(false);
        summary.setText(code.compiled().programId() + "  ·  " + Format.count(code.instructionCount())
                + " instructions  ·  " + Format.count(code.compiled().cost().total().constraints()) + " constraints");
        boolean priv = code.compiled().weightsMode().privateWeights();
        weightsCost.setText(priv ? String.format("+%.0f / weight", code.overheadPerWeight()) : "");
        weightsCost.setTooltip(priv ? new Tooltip(String.format("%s constraints with these weights vs %s with constant weights: "
                + "%.1f more per weight and bias (packed, salted commitment; docs/ENCODING.md)",
                Format.count(code.compiled().cost().total().constraints()), Format.count(code.constantConstraints()),
                code.overheadPerWeight())) : null);
        highlight(layer);
    }

    /** Shown instead of code: why this model has no program (the lowering's message) or none yet. */
    public void showMessage(String text) {
        shown = null;
        message.setText(text);
        body.getChildren().setAll(message);
        export.setDisable(true);
        summary.setText("No program");
    }

    /** Busy hint while a newer program is being generated; the old text stays readable meanwhile. */
    public void setRegenerating(boolean busy) {
        pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("busy"), busy);
        if (busy) {
            summary.setText("Regenerating…");
        } else if (shown != null) {
            summary.setText(shown.compiled().programId() + "  ·  " + Format.count(shown.instructionCount())
                    + " instructions  ·  " + Format.count(shown.compiled().cost().total().constraints()) + " constraints");
        }
    }

    public Optional<GeneratedCode> shown() {
        return Optional.ofNullable(shown);
    }

    /** Marks the lines of {@code layerName} in both texts and scrolls them into view; null clears. */
    public void highlight(String layerName) {
        layer = layerName;
        if (shown == null) {
            return;
        }
        mark(leo, shown.leo(), layerName);
        mark(aleo, shown.aleo(), layerName);
    }

    /** 0-based paragraphs currently marked in the Leo ({@code aleo == false}) or Aleo text, for tests. */
    List<Integer> markedLines(boolean aleoText) {
        CodeArea a = aleoText ? aleo : leo;
        java.util.ArrayList<Integer> marked = new java.util.ArrayList<>();
        for (int i = 0; i < a.getParagraphs().size(); i++) {
            if (a.getParagraph(i).getParagraphStyle().contains("layer-line")) {
                marked.add(i);
            }
        }
        return marked;
    }

    String text(boolean aleoText) {
        return (aleoText ? aleo : leo).getText();
    }

    void selectTab(boolean aleoText) {
        tabs.getSelectionModel().select(aleoText ? 1 : 0);
    }

    private static void fill(CodeArea area, PrintedProgram program, CodeHighlighter language) {
        if (area.getText().equals(program.text())) {
            return;
        }
        area.replaceText(program.text());
        area.setStyleSpans(0, language.spans(program.text()));
        area.moveTo(0);
        area.showParagraphAtTop(0);
    }

    private static void mark(CodeArea area, PrintedProgram program, String layerName) {
        for (int i = 0; i < area.getParagraphs().size(); i++) {
            if (!area.getParagraph(i).getParagraphStyle().isEmpty()) {
                area.setParagraphStyle(i, List.of());
            }
        }
        List<LineSpan> spans = layerName == null ? List.of() : program.layerLines().getOrDefault(layerName, List.of());
        for (LineSpan s : spans) {
            for (int line = s.first(); line <= s.last() && line <= area.getParagraphs().size(); line++) {
                area.setParagraphStyle(line - 1, List.of("layer-line"));
            }
        }
        if (!spans.isEmpty()) {
            // Two lines of context above; after layout, or a fresh area ignores the request.
            int top = Math.max(0, spans.get(0).first() - 3);
            Platform.runLater(() -> area.showParagraphAtTop(Math.min(top, area.getParagraphs().size() - 1)));
        }
    }
}
