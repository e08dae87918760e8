package io.zkml.workbench.project;

import io.zkml.workbench.circuit.ConsensusVersion;
import io.zkml.workbench.codegen.WeightsMode;
import io.zkml.workbench.design.DesignStep;
import io.zkml.workbench.export.Partitioning;
import io.zkml.workbench.graph.Activation;
import io.zkml.workbench.io.FileHashes;
import io.zkml.workbench.quant.Domain;
import io.zkml.workbench.quant.LayerQuant;
import io.zkml.workbench.quant.QuantSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProjectStoreTest {

    @TempDir
    Path dir;

    private final ProjectStore store = new ProjectStore();

    private static final QuantSpec SPEC = QuantSpec.of(9, Map.of(
            "layer0", LayerQuant.of(11, 7).withDomain(Domain.I32),
            "layer1", LayerQuant.of(10, 6)));

    private WorkbenchProject project(Path model, Path data) {
        return project(model, data, WeightsMode.CONSTANT);
    }

    private WorkbenchProject project(Path model, Path data, WeightsMode mode) {
        return new WorkbenchProject(model, FileHashes.sha256(model), data, SPEC,
                new WorkbenchProject.ExportSettings("iris_tiny", mode),
                new WorkbenchProject.ProvingSettings(ProvingBackend.EXECUTE_ONLY),
                new WorkbenchProject.EditorLayout(FlowDirection.LEFT_TO_RIGHT, 0.75, "layer1"));
    }

    private Path copySample() throws Exception {
        Path models = Files.createDirectories(dir.resolve("models"));
        Path model = models.resolve("iris-tiny.zip");
        Files.copy(Path.of("sample-models/iris-tiny.zip"), model);
        return model;
    }

    @Test
    void savedProjectReadsBackEqualWithPathsRelativeToTheProject() throws Exception {
        Path model = copySample();
        Path data = Files.writeString(dir.resolve("models/data.csv"), "a,b\n1,2\n");
        Path file = dir.resolve("projects/iris" + ProjectStore.EXTENSION);
        WorkbenchProject p = project(model, data);

        store.save(p, file);
        String json = Files.readString(file);
        assertTrue(json.contains("\"path\" : \"../models/iris-tiny.zip\""), json);
        assertTrue(json.contains("\"version\" : 1"), json);

        OpenedProject back = store.load(file);
        assertEquals(p, back.project());
        assertTrue(back.warnings().isEmpty(), back.warnings().toString());
    }

    @Test
    void aProjectMovedWithItsModelStillOpens() throws Exception {
        Path model = copySample();
        Path file = dir.resolve("models/iris" + ProjectStore.EXTENSION);
        store.save(project(model, null), file);

        Path moved = dir.resolve("elsewhere");
        Files.move(dir.resolve("models"), moved);
        OpenedProject back = store.load(moved.resolve("iris" + ProjectStore.EXTENSION));
        assertEquals(moved.resolve("iris-tiny.zip").toAbsolutePath(), back.project().model());
    }

    @Test
    void aMissingModelIsNamedAndCanBeLocated() throws Exception {
        Path model = copySample();
        Path file = dir.resolve("p" + ProjectStore.EXTENSION);
        store.save(project(model, null), file);
        Path relocated = dir.resolve("renamed.zip");
        Files.move(model, relocated);

        MissingModelException e = assertThrows(MissingModelException.class, () -> store.load(file));
        assertTrue(e.getMessage().startsWith("the project's model " + model.toAbsolutePath() + " is missing; locate it"),
                e.getMessage());
        assertEquals(model.toAbsolutePath(), e.expectedModel());

        OpenedProject located = store.load(file, relocated);
        assertEquals(relocated.toAbsolutePath(), located.project().model());
        assertEquals(SPEC, located.project().quant());
    }

    @Test
    void aChangedModelOpensWithAWarning() throws Exception {
        Path model = copySample();
        Path file = dir.resolve("p" + ProjectStore.EXTENSION);
        store.save(project(model, null), file);
        Files.copy(Path.of("sample-models/iris-mlp.zip"), model, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        OpenedProject back = store.load(file);
        assertTrue(back.modelChanged());
        assertTrue(back.warnings().get(0).contains("has changed since this project was saved"), back.warnings().get(0));
        assertEquals(FileHashes.sha256(model), back.project().modelSha256(), "saving again records the new model");
        assertEquals(SPEC, back.project().quant());
    }

    @Test
    void unknownVersionsAndMalformedFilesSayWhatIsWrong() throws Exception {
        Path model = copySample();
        Path file = dir.resolve("p" + ProjectStore.EXTENSION);
        store.save(project(model, null), file);
        Files.writeString(file, Files.readString(file).replace("\"version\" : 1", "\"version\" : 7"));
        ProjectException v = assertThrows(ProjectException.class, () -> store.load(file));
        assertEquals("p.zkwb uses project format version 7, but this zkML Workbench reads versions 1 to 3; "
                + "open it with a newer zkML Workbench", v.getMessage());

        Files.writeString(file, "{ \"format\": \"zkml-workbench-project\", \"version\": 1, ");
        ProjectException m = assertThrows(ProjectException.class, () -> store.load(file));
        assertTrue(m.getMessage().startsWith("p.zkwb is not a readable project (malformed JSON at line 1"), m.getMessage());

        Files.writeString(file, "{ \"name\": \"something else\" }");
        ProjectException f = assertThrows(ProjectException.class, () -> store.load(file));
        assertTrue(f.getMessage().contains("is not a zkML Workbench project"), f.getMessage());

        ProjectException none = assertThrows(ProjectException.class, () -> store.load(dir.resolve("nope.zkwb")));
        assertTrue(none.getMessage().endsWith("nope.zkwb does not exist"), none.getMessage());
    }

    @Test
    void designEditsAndTheTrainingOriginRoundTripAsVersion2() throws Exception {
        Path model = copySample();
        Path original = Files.copy(Path.of("sample-models/iris-tiny.zip"), dir.resolve("original-iris-tiny.zip"));
        WorkbenchProject.Design design = new WorkbenchProject.Design(List.of(
                DesignStep.addDense("layer0", 12, Activation.RELU),
                DesignStep.setActivation("dense0", Activation.leakyRelu(0.1)),
                DesignStep.setConvolution("conv", 4, 3, 3),
                DesignStep.delete("layer1")), original);
        WorkbenchProject p = new WorkbenchProject(model, FileHashes.sha256(model), null, SPEC, null, null, null, design);
        Path file = dir.resolve("d" + ProjectStore.EXTENSION);

        store.save(p, file);
        String json = Files.readString(file);
        assertTrue(json.contains("\"version\" : 2"), json);
        assertTrue(json.contains("\"trainedFrom\" : \"original-iris-tiny.zip\""), json);
        assertTrue(json.contains("\"op\" : \"ADD_DENSE\""), json);
        assertFalse(json.contains("\"filters\" : null"), "unused fields are left out: " + json);

        OpenedProject back = store.load(file);
        assertEquals(design, back.project().design());
        assertEquals(p, back.project());
    }

    @Test
    void aVersion1ProjectWithoutDesignStillOpensAndIsStillWrittenAsVersion1() throws Exception {
        Path model = copySample();
        Path file = dir.resolve("old" + ProjectStore.EXTENSION);
        Files.writeString(file, """
                {
                  "format" : "zkml-workbench-project",
                  "version" : 1,
                  "model" : { "path" : "models/iris-tiny.zip" },
                  "editor" : { "direction" : "LEFT_TO_RIGHT", "zoom" : 0.5, "selectedNode" : "layer1" }
                }
                """);
        OpenedProject back = store.load(file);
        assertEquals(model.toAbsolutePath(), back.project().model());
        assertEquals(WorkbenchProject.Design.NONE, back.project().design());
        assertEquals("layer1", back.project().editor().selectedNode());

        store.save(back.project(), file);
        assertTrue(Files.readString(file).contains("\"version\" : 1"), "no design state, so older workbenches read it");
    }

    @Test
    void weightsModesRoundTripAndVersion1NamesStillRead() throws Exception {
        Path model = copySample();
        Path file = dir.resolve("w" + ProjectStore.EXTENSION);
        store.save(project(model, null, WeightsMode.PINNED), file);
        String json = Files.readString(file);
        assertTrue(json.contains("\"weightsMode\" : \"pinned\""), json);
        assertTrue(json.contains("\"version\" : 2"), "version-1 workbenches know no pinned mode: " + json);
        assertEquals(WeightsMode.PINNED, store.load(file).project().export().weightsMode());

        WorkbenchProject constant = new WorkbenchProject(model, FileHashes.sha256(model), null, SPEC,
                WorkbenchProject.ExportSettings.forModel(model), null, null);
        store.save(constant, file);
        assertFalse(Files.readString(file).contains("weightsMode"), "the default stays readable by version 1");
        assertTrue(Files.readString(file).contains("\"version\" : 1"));

        for (var legacy : Map.of("CONSTANTS", WeightsMode.CONSTANT, "PRIVATE_INPUTS", WeightsMode.PRIVATE_COMMITTED).entrySet()) {
            Files.writeString(file, """
                    { "format" : "zkml-workbench-project", "version" : 1, "model" : { "path" : "models/iris-tiny.zip" },
                      "export" : { "programName" : "iris_tiny", "weightsMode" : "%s" } }
                    """.formatted(legacy.getKey()));
            assertEquals(legacy.getValue(), store.load(file).project().export().weightsMode(), legacy.getKey());
        }
        Files.writeString(file, """
                { "format" : "zkml-workbench-project", "version" : 2, "model" : { "path" : "models/iris-tiny.zip" },
                  "export" : { "programName" : "iris_tiny", "weightsMode" : "secret" } }
                """);
        ProjectException e = assertThrows(ProjectException.class, () -> store.load(file));
        assertTrue(e.getMessage().contains("unknown weights mode 'secret'"), e.getMessage());
    }

    @Test
    void theConsensusVersionRoundTripsAndOlderProjectsUseTheLatest() throws Exception {
        Path model = copySample();
        Path file = dir.resolve("c" + ProjectStore.EXTENSION);
        WorkbenchProject p = new WorkbenchProject(model, FileHashes.sha256(model), null, SPEC,
                new WorkbenchProject.ExportSettings("iris_tiny", WeightsMode.CONSTANT, ConsensusVersion.V17), null, null);
        store.save(p, file);
        String json = Files.readString(file);
        assertTrue(json.contains("\"consensusVersion\" : \"V17\""), json);
        assertTrue(json.contains("\"version\" : 2"), "version-1 workbenches would drop it: " + json);
        WorkbenchProject.ExportSettings read = store.load(file).project().export();
        assertEquals(ConsensusVersion.V17, read.consensus());
        assertEquals(ConsensusVersion.V17, read.compileSettings().consensus());
        assertEquals("iris_tiny", read.compileSettings().programName());

        Files.writeString(file, """
                { "format" : "zkml-workbench-project", "version" : 1, "model" : { "path" : "models/iris-tiny.zip" },
                  "export" : { "programName" : "iris_tiny" } }
                """);
        WorkbenchProject.ExportSettings old = store.load(file).project().export();
        assertEquals(null, old.consensus());
        assertEquals(ConsensusVersion.LATEST, old.compileSettings().consensus());

        Files.writeString(file, """
                { "format" : "zkml-workbench-project", "version" : 2, "model" : { "path" : "models/iris-tiny.zip" },
                  "export" : { "programName" : "iris_tiny", "consensusVersion" : "V99" } }
                """);
        ProjectException e = assertThrows(ProjectException.class, () -> store.load(file));
        assertTrue(e.getMessage().contains("consensusVersion \"V99\""), e.getMessage());
    }

    @Test
    void aProgramChainRoundTripsAsVersion3AndOlderProjectsAreOneProgram() throws Exception {
        Path model = copySample();
        Path file = dir.resolve("chain" + ProjectStore.EXTENSION);
        Partitioning chain = new Partitioning(16, List.of("layer0"));
        java.util.function.Function<Partitioning, WorkbenchProject> p = c -> new WorkbenchProject(model,
                FileHashes.sha256(model), null, SPEC,
                new WorkbenchProject.ExportSettings("iris_tiny", WeightsMode.CONSTANT).withPartitioning(c), null, null);
        store.save(p.apply(chain), file);
        String json = Files.readString(file);
        assertTrue(json.contains("\"version\" : 3"), "version-2 workbenches would refuse the unknown field: " + json);
        assertTrue(json.contains("\"maxSrsLog2\" : 16"), json);
        WorkbenchProject.ExportSettings read = store.load(file).project().export();
        assertEquals(chain, read.partitioning());
        assertEquals(chain, read.compileSettings().partitioning(), "the chain is compiled in, as --max-srs/--split-after");

        // Only the cap, no cuts: the empty list is left out and reads back empty.
        store.save(p.apply(new Partitioning(17, List.of())), file);
        assertFalse(Files.readString(file).contains("splitAfter"), Files.readString(file));
        assertEquals(new Partitioning(17, List.of()), store.load(file).project().export().partitioning());

        // One program again: nothing about chains is written, and the file is readable by older workbenches.
        store.save(p.apply(Partitioning.NONE), file);
        assertFalse(Files.readString(file).contains("partitioning"), Files.readString(file));
        assertTrue(Files.readString(file).contains("\"version\" : 1"), Files.readString(file));

        // Projects written before chains existed (versions 1 and 2) open as one program.
        Files.writeString(file, """
                { "format" : "zkml-workbench-project", "version" : 2, "model" : { "path" : "models/iris-tiny.zip" },
                  "export" : { "programName" : "iris_tiny", "consensusVersion" : "V17" } }
                """);
        assertEquals(Partitioning.NONE, store.load(file).project().export().compileSettings().partitioning());

        Files.writeString(file, """
                { "format" : "zkml-workbench-project", "version" : 3, "model" : { "path" : "models/iris-tiny.zip" },
                  "export" : { "programName" : "iris_tiny", "partitioning" : { "maxSrsLog2" : 99 } } }
                """);
        ProjectException e = assertThrows(ProjectException.class, () -> store.load(file));
        assertTrue(e.getMessage().startsWith("chain.zkwb has an invalid entry: export.partitioning.maxSrsLog2: "),
                e.getMessage());
    }

    @Test
    void aMissingTrainingOriginOpensWithAWarning() throws Exception {
        Path model = copySample();
        Path original = Files.copy(model, dir.resolve("gone.zip"));
        Path file = dir.resolve("p" + ProjectStore.EXTENSION);
        store.save(new WorkbenchProject(model, FileHashes.sha256(model), null, SPEC, null, null, null,
                new WorkbenchProject.Design(List.of(), original)), file);
        Files.delete(original);

        OpenedProject back = store.load(file);
        assertTrue(back.warnings().get(0).contains("retrained from is missing"), back.warnings().toString());
        assertTrue(back.project().design().trainedFromFile().isEmpty());
    }

    @Test
    void anInvalidSpecInsideTheProjectIsReportedWithItsReason() throws Exception {
        Path model = copySample();
        Path file = dir.resolve("p" + ProjectStore.EXTENSION);
        store.save(project(model, null), file);
        Files.writeString(file, Files.readString(file).replace("\"activationBits\" : 16", "\"activationBits\" : 99"));
        ProjectException e = assertThrows(ProjectException.class, () -> store.load(file));
        assertTrue(e.getMessage().contains("\"activationBits\" must be an integer 2..48, got 99")
                && e.getMessage().contains("layer 'layer"), e.getMessage());
    }

    @Test
    void aFractionalFormatVersionIsRefused() throws Exception {
        Path file = dir.resolve("v" + ProjectStore.EXTENSION);
        store.save(project(copySample(), null), file);
        Files.writeString(file, Files.readString(file).replaceFirst("\"version\" : 1", "\"version\" : 1.9"));
        ProjectException e = assertThrows(ProjectException.class, () -> store.load(file));
        assertTrue(e.getMessage().contains("format version"), e.getMessage());
    }

    @Test
    void aDesignEditOutsideTheEditorsBoundsIsRefusedWithItsPlace() throws Exception {
        Path file = dir.resolve("huge" + ProjectStore.EXTENSION);
        WorkbenchProject p = project(copySample(), null);
        store.save(new WorkbenchProject(p.model(), p.modelSha256(), null, p.quant(), p.export(), p.proving(),
                p.editor(), new WorkbenchProject.Design(
                        java.util.List.of(io.zkml.workbench.design.DesignStep.setUnits("layer0", 8)), null)), file);
        Files.writeString(file, Files.readString(file).replace("\"units\" : 8", "\"units\" : 2000000000"));
        ProjectException e = assertThrows(ProjectException.class, () -> store.load(file));
        assertTrue(e.getMessage().contains("units must be 1..4096, got 2000000000")
                && e.getMessage().contains("design.edits[0]"), e.getMessage());
    }

    /** Found by ReaderFuzzTest (seed 0x5eed20261204, project case 262): a null edit was a NullPointerException. */
    @Test
    void aNullDesignEditIsAClearError() throws Exception {
        Path file = dir.resolve("null" + ProjectStore.EXTENSION);
        WorkbenchProject p = project(copySample(), null);
        store.save(new WorkbenchProject(p.model(), p.modelSha256(), null, p.quant(), p.export(), p.proving(),
                p.editor(), new WorkbenchProject.Design(
                        java.util.List.of(io.zkml.workbench.design.DesignStep.setUnits("layer0", 8)), null)), file);
        String text = Files.readString(file);
        Files.writeString(file, text.substring(0, text.indexOf("\"edits\" : [") + "\"edits\" : [".length())
                + " null, " + text.substring(text.indexOf("\"edits\" : [") + "\"edits\" : [".length()));
        ProjectException e = assertThrows(ProjectException.class, () -> store.load(file));
        assertTrue(e.getMessage().contains("design.edits[0]"), e.getMessage());
    }

    @Test
    void savingKeepsTheProjectsModeAndSymlink() throws Exception {
        Path model = copySample();
        Path real = Files.createDirectories(dir.resolve("shared")).resolve("team" + ProjectStore.EXTENSION);
        store.save(project(model, null), real);
        java.util.Set<java.nio.file.attribute.PosixFilePermission> mode =
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-r--");
        Files.setPosixFilePermissions(real, mode);
        Path link = Files.createSymbolicLink(dir.resolve("team" + ProjectStore.EXTENSION), real);
        store.save(project(model, null).withQuant(SPEC.withInput(7, 16)), link);
        assertTrue(Files.isSymbolicLink(link), "the link is still a link");
        assertEquals(mode, Files.getPosixFilePermissions(real));
        assertEquals(7, store.load(link).project().quant().inputFracBits());
    }

    @Test
    void farAwayModelsAreStoredAbsolute() {
        Path project = Path.of("/a/b/c/d");
        assertEquals("m.zip", ProjectStore.portable(Path.of("/a/b/c/d/m.zip"), project));
        assertEquals("../../x/m.zip", ProjectStore.portable(Path.of("/a/b/x/m.zip"), project));
        assertEquals("/z/m.zip", ProjectStore.portable(Path.of("/z/m.zip"), project));
        assertFalse(ProjectStore.portable(Path.of("/q/r/m.zip"), project).contains(".."));
    }
}
