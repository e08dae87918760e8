package io.zkml.workbench.ui;

import java.util.function.BooleanSupplier;
import io.zkml.workbench.ui.graph.LayerRefusal;
import io.zkml.workbench.ui.inspector.InspectorPane;

import io.zkml.workbench.ui.code.CodeView;
import io.zkml.workbench.ui.code.GeneratedCode;
import io.zkml.workbench.codegen.WeightsMode;
import io.zkml.workbench.export.CompileSettings;
import io.zkml.workbench.export.ModelCompiler;
import io.zkml.workbench.export.ModelExport;
import io.zkml.workbench.export.SegmentPrices;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.session.ModelSession;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Task;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The editor's right-hand tabs — inspector, generated code, proving — and the one generated
 * program they share: regenerated off the FX thread whenever the evaluated spec changes, so the
 * code shown, the project exported and the proof made are always the same program.
 */
final class ProgramPanels implements AutoCloseable {

    private final ModelCompiler compiler = ModelCompiler.standard();
    /** An automatic chain's priced candidates, kept across the compiles of one model. */
    private final SegmentPrices prices = new SegmentPrices();
    /** The programs of this model's last few specs: going back to one (undo, redo) compiles nothing. */
    private final RecentPrograms<Request> recent = new RecentPrograms<>();
    private final LatestWins<Request, GeneratedCode> generator =
            new LatestWins<>("workbench-codegen", this::generate);
    private final CodeView code = new CodeView();
    private final io.zkml.workbench.ui.prove.ProvingPanel proving;
    private final TabPane tabs = new TabPane();
    private final Tab codeTab = new Tab("Code", code);
    private final Tab proveTab;
    private final BackgroundWork work;
    private final Supplier<Window> owner;
    private final ReadOnlyObjectWrapper<GeneratedCode> generated = new ReadOnlyObjectWrapper<>(this, "generated");
    /** Why the newest spec has no program, when a layer's value range cannot be represented; else null. */
    private final ReadOnlyObjectWrapper<LayerRefusal> refusal = new ReadOnlyObjectWrapper<>(this, "refusal");

    /** Equal for the same session (one per opened model), spec and settings: the same program. */
    private record Request(ModelSession session, QuantSpec spec, CompileSettings settings) {
    }

    /** What the program was last generated from, to regenerate it when only the settings change. */
    private OpenedModel lastModel;
    private QuantSpec lastSpec;
    /**
     * The newest request handed to the generator (null after {@link #clear}): the window asks for a
     * spec's program when the spec changes and again when its evaluation lands, and the second ask
     * must not restart (or repeat) a compile that is running or done.
     */
    private Request requested;
    /** The project's compile settings (program name, weights mode, consensus version); set by the window. */
    private CompileSettings settings = CompileSettings.defaults();

    /** The evaluation beside each compile goes first (its figures are quick); the compile pauses meanwhile. */
    private final EvaluationFirst first;

    ProgramPanels(InspectorPane inspector, BackgroundWork work, Supplier<Window> owner, EvaluationFirst first) {
        this.first = first;
        this.work = work;
        this.owner = owner;
        this.proving = new io.zkml.workbench.ui.prove.ProvingPanel(owner);
        proveTab = new Tab("Prove", proving);
        Tab inspectTab = new Tab("Inspector", inspector);
        inspectTab.setGraphic(new FontIcon(MaterialDesignT.TUNE_VERTICAL));
        codeTab.setGraphic(new FontIcon(MaterialDesignC.CODE_BRACES));
        codeTab.setId("codeTab");
        proveTab.setGraphic(new FontIcon(MaterialDesignS.SHIELD_CHECK_OUTLINE));
        proveTab.setId("proveTab");
        tabs.getTabs().addAll(inspectTab, codeTab, proveTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getStyleClass().add("side-tabs");
        new ShownAfter(generator.busyProperty()).property().addListener((obs, o, busy) -> code.setRegenerating(busy));
        // A hidden Code tab keeps no text up to date: a CNN's program is tens of thousands of lines.
        code.setShowing(codeTab.isSelected());
        codeTab.selectedProperty().addListener((obs, o, showing) -> code.setShowing(showing));
        // Nor does a hidden inspector redraw its charts on every evaluation.
        inspector.setShowing(inspectTab.isSelected());
        inspectTab.selectedProperty().addListener((obs, o, showing) -> inspector.setShowing(showing));
        // The sidecar warms up while the user looks at the Prove tab, before Run or Prove is clicked.
        proving.setShowing(proveTab.isSelected());
        proveTab.selectedProperty().addListener((obs, o, showing) -> proving.setShowing(showing));
        code.export.setOnAction(e -> chooseExport());
    }

    /** The project's compile settings changed (or a project opened): regenerate with them. */
    void setSettings(CompileSettings s) {
        if (!s.equals(settings)) {
            settings = s;
            update(lastModel, lastSpec);
        }
    }

    CompileSettings settings() {
        return settings;
    }

    /** The weights mode of the generated program (the project's export setting). */
    ObjectProperty<WeightsMode> weightsModeProperty() {
        return code.weights.valueProperty();
    }

    /** Pinned programs hold the weights' Poseidon commitment, which only snarkVM computes. */
    String hash(String algorithm, String literal) {
        return proving.hash(algorithm, literal);
    }

    TabPane tabs() {
        return tabs;
    }

    CodeView code() {
        return code;
    }

    io.zkml.workbench.ui.prove.ProvingPanel proving() {
        return proving;
    }

    void showCode() {
        tabs.getSelectionModel().select(codeTab);
    }

    void showProving() {
        tabs.getSelectionModel().select(proveTab);
    }

    /**
     * Runs {@code work} on the code generator's thread before any compile asked for after it: a test
     * holds the compiles back with it (a compile waits until {@code work} returns). False once closed.
     */
    boolean runOnCompileThread(Runnable work) {
        return generator.runExclusive(work);
    }

    /** True while a program is being generated for the newest spec. */
    javafx.beans.property.ReadOnlyBooleanProperty generatingProperty() {
        return generator.busyProperty();
    }

    ReadOnlyObjectProperty<GeneratedCode> generatedProperty() {
        return generated.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<LayerRefusal> refusalProperty() {
        return refusal.getReadOnlyProperty();
    }

    /** On the code generator's thread: the request's program, kept from an earlier compile or compiled now. */
    private GeneratedCode generate(Request r, BooleanSupplier stop) {
        GeneratedCode kept = recent.get(r);
        if (kept != null) {
            return kept;
        }
        GeneratedCode g = GeneratedCode.generate(compiler, r.session(), r.spec(), r.settings(), this::hash, prices,
                first.pausing(stop));
        if (!stop.getAsBoolean()) {
            recent.put(r, g); // not a compile that finished after its model was closed (clear)
        }
        return g;
    }

    /** How many programs are kept for going back to their specs (tests). */
    long recentPrograms() {
        return recent.size();
    }

    /** Another model opened: its program comes with its first spec. */
    void clear(String why) {
        lastModel = null;
        lastSpec = null;
        requested = null;
        generator.invalidate();
        prices.clear();
        recent.clear();
        generated.set(null);
        refusal.set(null);
        code.showMessage(why);
        proving.showMessage(why);
    }

    /**
     * The spec (or the settings) changed: generate its program (newest request wins). The compile
     * needs only the model, the spec and the settings, not the spec's evaluation, so the window asks
     * as soon as the spec changes and the compile runs beside the evaluation. Asking again for the
     * newest request changes nothing.
     */
    void update(OpenedModel model, QuantSpec spec) {
        lastModel = model;
        lastSpec = spec;
        if (model == null || model.session() == null || spec == null) {
            return;
        }
        Request r = new Request(model.session(), spec, settings);
        if (r.equals(requested)) {
            return;
        }
        requested = r;
        generator.submit(r, g -> {
            refusal.set(null);
            generated.set(g);
            code.show(g);
            proving.show(g);
        }, t -> {
            refusal.set(LayerRefusal.of(t).orElse(null));
            generated.set(null);
            code.showMessage(ErrorDialog.humanMessage(t));
            proving.showMessage("Nothing to prove: " + ErrorDialog.humanMessage(t));
            // The inputs stay browsable (e.g. the digits as pictures) even without a program to run.
            proving.showInputsOf(model.session());
        });
    }

    void highlight(String layer) {
        code.highlight(layer);
    }

    private void chooseExport() {
        GeneratedCode g = generated.get();
        if (g == null) {
            return;
        }
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Export " + g.compiled().programId() + " as a Leo project into…");
        File dir = chooser.showDialog(owner.get());
        if (dir == null) {
            return;
        }
        Path target = dir.toPath().resolve(g.compiled().program().programName());
        if (Files.isDirectory(target)) {
            Alert a = new Alert(Alert.AlertType.CONFIRMATION, target + " already exists. Replace it with this export?",
                    ButtonType.YES, ButtonType.CANCEL);
            a.initOwner(owner.get());
            a.setHeaderText("Replace the exported project?");
            a.setOnHidden(e -> {
                if (a.getResult() == ButtonType.YES) {
                    export(g, target, true);
                }
            });
            a.show();
        } else {
            export(g, target, false);
        }
    }

    /** Writes the project the way {@code zkml export} does: built aside and moved into place. */
    Task<ModelExport.Result> export(GeneratedCode g, Path target, boolean replace) {
        Task<ModelExport.Result> task = new Task<>() {
            @Override
            protected ModelExport.Result call() {
                updateMessage("Exporting " + g.compiled().programId() + " to " + target + "…");
                updateProgress(-1, 1);
                ModelExport export = new ModelExport(compiler);
                if (g.compiled().weightsMode() != WeightsMode.PRIVATE_COMMITTED) {
                    return export.export(g.session(), g.compiled(), target, replace);
                }
                // As zkml export: the expected weights commitment in samples.json needs snarkVM's Poseidon
                // (the Prove tab's sidecar, which pinned programs are compiled with too).
                try {
                    return export.export(g.session(), g.compiled(), target, replace, ProgramPanels.this::hash);
                } catch (io.zkml.workbench.prove.SidecarUnavailableException e) {
                    updateMessage("samples.json without the weights commitment (needs snarkVM: " + e.getMessage() + ")");
                    return export.export(g.session(), g.compiled(), target, replace);
                }
            }
        };
        return work.run(task, "Could not export " + g.compiled().programId(), r -> {
            work.say("Exported " + g.compiled().programId() + " to " + r.dir());
            Alert done = new Alert(Alert.AlertType.INFORMATION, "Wrote the Leo project, the Aleo instructions and "
                    + r.rows().size() + " encoded test rows to\n" + r.dir(), ButtonType.OK);
            done.initOwner(owner.get());
            done.setHeaderText("Exported " + g.compiled().programId());
            done.show();
        });
    }

    @Override
    public void close() {
        generator.close();
        code.close();
        proving.close();
    }
}
