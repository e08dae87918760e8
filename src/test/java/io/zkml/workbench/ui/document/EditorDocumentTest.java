package io.zkml.workbench.ui.document;

import io.zkml.workbench.design.DesignState;
import io.zkml.workbench.export.CompiledModel;
import io.zkml.workbench.export.ModelCompiler;
import io.zkml.workbench.importer.ModelImporter;
import io.zkml.workbench.project.ProjectState;
import io.zkml.workbench.quant.LayerQuant;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.QuantSpecJson;
import io.zkml.workbench.session.ModelSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The editor's document without JavaFX: opening, editing, saving while editing on, a save that
 * finishes after another project opened, autosave's "anything to keep?", and the compiled program.
 */
class EditorDocumentTest {

    private static final QuantSpec CALIBRATED = QuantSpec.of(8, Map.of("layer0", LayerQuant.of(8, 8)));
    private static final QuantSpec NARROW = CALIBRATED.withLayer("layer0", LayerQuant.of(4, 4));

    private final AtomicInteger notified = new AtomicInteger();
    private final EditorDocument doc = new EditorDocument(notified::incrementAndGet);
    private ProjectState initial;

    @BeforeEach
    void open() throws Exception {
        DesignState original = DesignState.original(new ModelImporter().importModel(Path.of("sample-models", "iris-tiny.zip")));
        initial = new ProjectState(CALIBRATED, null, original);
    }

    @Test
    void aSaveCleansTheStateItTookEvenWhenEditsFollowedIt() {
        assertFalse(doc.isOpen());
        assertFalse(doc.isDirty());
        doc.open(initial, false, null);
        assertTrue(doc.isOpen());
        assertTrue(doc.projectFile().isEmpty());
        assertFalse(doc.needsAutosave(), "nothing unsaved yet");

        doc.project().edit("Quantization of layer0", doc.state().withSpec(NARROW));
        assertTrue(doc.isDirty());
        assertTrue(doc.needsAutosave());
        EditorDocument.Save save = doc.beginSave();
        assertFalse(doc.needsAutosave(), "the save in flight writes this very state");
        doc.project().edit("Quantization of layer0", doc.state().withSpec(CALIBRATED));
        assertTrue(doc.needsAutosave(), "an edit after the save began is not in it");

        Path file = Path.of("project.zkwb");
        int before = notified.get();
        doc.saved(save, file);
        assertEquals(Path.of("project.zkwb"), doc.projectFile().orElseThrow());
        assertTrue(doc.isDirty(), "the edit after the save's state is still unsaved");
        assertTrue(notified.get() > before, "views hear of the save");
        doc.project().undo();
        assertFalse(doc.isDirty(), "undoing back to the saved state is clean");
    }

    @Test
    void aSaveFinishingAfterAnotherProjectOpenedLeavesThatProjectAlone() {
        doc.open(initial, false, null);
        doc.project().edit("Quantization of layer0", doc.state().withSpec(NARROW));
        EditorDocument.Save save = doc.beginSave();
        doc.open(initial, true, Path.of("other.zkwb"));
        doc.saved(save, Path.of("first.zkwb"));
        assertEquals(Path.of("other.zkwb"), doc.projectFile().orElseThrow());
        assertTrue(doc.isDirty(), "the other project's unsaved state is untouched");
        assertFalse(save.project().isDirty(), "the saved project itself is clean");
    }

    @Test
    void aFailedSaveLeavesTheStateToAutosave() {
        doc.open(initial, false, null);
        doc.project().edit("Quantization of layer0", doc.state().withSpec(NARROW));
        EditorDocument.Save save = doc.beginSave();
        doc.saveFailed(save);
        assertTrue(doc.isDirty());
        assertTrue(doc.needsAutosave());
    }

    @Test
    void theCompiledProgramIsTheOneForItsSpecAndGoesWithTheProject() throws Exception {
        ModelSession session = ModelSession.open(Path.of("sample-models", "iris-tiny.zip"), null);
        QuantSpec spec = session.calibrate();
        CompiledModel program = ModelCompiler.standard().compile(session, spec, new QuantSpecJson().toJson(spec));
        doc.open(initial, false, null);
        doc.compiled(spec, program);
        assertSame(program, doc.compiledFor(spec).orElseThrow());
        assertTrue(doc.compiledFor(NARROW).isEmpty(), "not compiled from that spec");
        doc.open(initial, false, null);
        assertTrue(doc.compiled().isEmpty(), "another project has no program until it compiles");
    }
}
