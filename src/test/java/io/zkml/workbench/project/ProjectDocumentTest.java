package io.zkml.workbench.project;

import io.zkml.workbench.codegen.WeightsMode;
import io.zkml.workbench.design.DesignState;
import io.zkml.workbench.design.DesignStep;
import io.zkml.workbench.graph.Activation;
import io.zkml.workbench.importer.ModelImporter;
import io.zkml.workbench.quant.LayerQuant;
import io.zkml.workbench.quant.QuantSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One history for every kind of project edit, and dirty state that follows it, without JavaFX. */
class ProjectDocumentTest {

    private static final QuantSpec CALIBRATED = QuantSpec.of(8, Map.of("layer0", LayerQuant.of(8, 8)));
    private static final QuantSpec NARROW = CALIBRATED.withLayer("layer0", LayerQuant.of(4, 4));

    private final AtomicInteger notified = new AtomicInteger();
    private DesignState original;
    private ProjectDocument doc;

    @BeforeEach
    void open() throws Exception {
        original = DesignState.original(new ModelImporter().importModel(Path.of("sample-models", "iris-tiny.zip")));
        doc = new ProjectDocument(new ProjectState(null, null, original), false, notified::incrementAndGet);
    }

    @Test
    void undoWalksBackThroughSpecWeightsAndDesignEditsInOrder() {
        doc.amend(doc.state().withSpec(CALIBRATED));
        assertFalse(doc.isDirty(), "the workbench's own first calibration is not a user edit");
        assertFalse(doc.canUndo());

        ProjectState calibrated = doc.state();
        doc.edit("Quantization of layer0", calibrated.withSpec(NARROW));
        WorkbenchProject.ExportSettings priv = WorkbenchProject.ExportSettings.forModel(Path.of("iris.zip"))
                .withWeightsMode(WeightsMode.PRIVATE_COMMITTED);
        doc.edit("Weights: private", doc.state().withExport(priv));
        DesignState added = original.after(DesignStep.addDense("layer0", 8, Activation.RELU).applyTo(original.graph()));
        doc.edit(added.description(), doc.state().withDesign(added));
        assertTrue(doc.isDirty());

        ProjectDocument.Change design = doc.undo().orElseThrow();
        assertSame(original, design.after().design(), "undo restores the very design state before the edit");
        assertEquals(added.description(), design.description());
        ProjectDocument.Change weights = doc.undo().orElseThrow();
        assertEquals(WeightsMode.CONSTANT, weights.after().export() == null ? WeightsMode.CONSTANT
                : weights.after().export().weightsMode());
        ProjectDocument.Change spec = doc.undo().orElseThrow();
        assertSame(calibrated, spec.after(), "exactly the state before the first edit");
        assertFalse(doc.canUndo());
        assertFalse(doc.isDirty(), "back at the saved state is clean");

        doc.redo();
        doc.redo();
        assertEquals(priv, doc.state().export(), "redo brings back the same salt, not a new one");
        assertEquals(NARROW, doc.state().spec());
        assertTrue(doc.isDirty());
    }

    @Test
    void anEditThatChangesNothingIsNoStep() {
        doc.edit("Calibrate", doc.state().withSpec(CALIBRATED));
        doc.edit("Calibrate", doc.state().withSpec(CALIBRATED));
        doc.undo();
        assertFalse(doc.canUndo(), "the second calibration proposed the same spec");
    }

    @Test
    void aSaveMakesItsStateTheCleanOneWhileLaterEditsStayDirty() {
        doc.edit("Calibrate", doc.state().withSpec(CALIBRATED));
        ProjectDocument.SavePoint writing = doc.savePoint();
        doc.edit("Quantization of layer0", doc.state().withSpec(NARROW)); // while the write is under way
        doc.saved(writing);
        assertTrue(doc.isDirty(), "the edit made during the write is not on disk");
        doc.undo();
        assertFalse(doc.isDirty(), "undo back to what was written is clean");
        doc.undo();
        assertTrue(doc.isDirty(), "and further back differs from the file again");
    }

    @Test
    void changesOutsideTheHistoryStayDirtyUntilSaved() {
        doc.changedOutsideHistory();
        assertTrue(doc.isDirty());
        assertFalse(doc.canUndo(), "a layout flip is not an undo step");
        doc.saved(doc.savePoint());
        assertFalse(doc.isDirty());

        ProjectDocument recovered = new ProjectDocument(new ProjectState(CALIBRATED, null, original), true, () -> { });
        recovered.openedAsSaved();
        assertTrue(recovered.isDirty(), "a recovered autosave is unsaved work however it opened");
    }

    @Test
    void everyChangeIsAnnounced() {
        int before = notified.get();
        doc.edit("Calibrate", doc.state().withSpec(CALIBRATED));
        doc.undo();
        doc.redo();
        doc.saved(doc.savePoint());
        assertEquals(before + 4, notified.get());
    }
}
