package io.zkml.workbench.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zkml.workbench.export.CompileSettings;
import io.zkml.workbench.export.CompiledModel;
import io.zkml.workbench.export.CompiledSegment;
import io.zkml.workbench.export.ModelCompiler;
import io.zkml.workbench.export.Partitioning;
import io.zkml.workbench.export.RecordedCuts;
import io.zkml.workbench.io.FileHashes;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.QuantSpecJson;
import io.zkml.workbench.samples.SampleCatalog;
import io.zkml.workbench.session.ModelSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code verify --model} of a chain bundle without snarkVM: the bundle records where the model was
 * cut, the auditor's model compiled with those cuts gives every program of the bundle, and a bundle
 * whose cuts were edited, that lacks them (written before they were recorded) or whose cut count does
 * not fit its programs fails with a message naming the cuts. The bundle is the compiled iris-tiny
 * chain with a stand-in execution holding what the claim checks read; ChainProofSnarkVmTest does the
 * same with a real proof.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChainModelCheckTest {

    private final Path model = SampleCatalog.get("iris-tiny").modelPath(Path.of("sample-models"));
    private CompiledModel chain;
    private String specJson;

    @TempDir
    Path dir;

    @BeforeAll
    void compile() throws Exception {
        ModelSession s = ModelSession.open(model, null);
        QuantSpec spec = s.calibrate();
        specJson = new QuantSpecJson().toJson(spec);
        chain = ModelCompiler.standard().compile(s, spec, specJson,
                CompileSettings.defaults().withPartitioning(new Partitioning(null, List.of("layer0"))), null);
        assertEquals(2, chain.segments().size());
    }

    private static String sha(String text) {
        return FileHashes.sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The chain's bundle as BundleProver writes it, with a stand-in execution and the given cuts. */
    private ProofBundle bundle(RecordedCuts cuts) throws Exception {
        List<CompiledSegment> calleesFirst = new ArrayList<>(chain.segments());
        java.util.Collections.reverse(calleesFirst);
        List<BundleManifest.ChainProgram> programs = calleesFirst.stream()
                .map(s -> new BundleManifest.ChainProgram(s.programId(), sha(s.aleoText()))).toList();
        List<BundleManifest.ChainStep> steps = calleesFirst.stream()
                .map(s -> new BundleManifest.ChainStep(s.programId(), "main", sha(s.aleoText()), null, List.of("1u8")))
                .toList();
        ObjectMapper json = new ObjectMapper();
        ArrayNode ts = json.createArrayNode();
        for (CompiledSegment s : calleesFirst) {
            ObjectNode t = ts.addObject().put("program", s.programId()).put("function", "main");
            t.putArray("outputs").addObject().put("type", "public").put("value", "1u8");
        }
        ObjectNode root = json.createObjectNode();
        root.set("transitions", ts);
        BundleManifest m = new BundleManifest(BundleManifest.CHAIN_FORMAT_VERSION, chain.programId(), "main",
                List.of("1u8"), new BundleManifest.Decoded(chain.output(), new long[] {1}, new double[] {1}, 1,
                chain.output().classNames().get(1)), List.of("[i16; 4u32]"), 0, "iris-tiny.zip", FileHashes.sha256(model),
                sha(specJson), sha(chain.aleoText()), null, null, null, null, false, null, "constant", "V19", null,
                programs, steps, cuts);
        Map<String, String> imported = new LinkedHashMap<>();
        Map<String, String> keys = new LinkedHashMap<>();
        for (CompiledSegment s : calleesFirst.subList(0, calleesFirst.size() - 1)) {
            imported.put(s.programId(), s.aleoText());
            keys.put(s.programId() + "/main", "verifier1stand-in");
        }
        return new ProofBundle(m, chain.aleoText(), chain.leoText(), json.writeValueAsString(root), "verifier1stand-in",
                specJson, imported, keys);
    }

    private VerificationReport.Check check(ProofBundle b, String name) {
        ModelCheck mc = ModelChecks.of(model, b.quantJson(), null, b, null, null);
        return ClaimChecks.run(b, Optional.of(mc)).checks().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name));
    }

    @Test
    void theRecordedCutsTravelThroughTheZipAndRecompileTheSameChain() throws Exception {
        RecordedCuts cuts = RecordedCuts.of(chain);
        assertEquals(List.of("layer0"), cuts.cutAfter());
        Path zip = dir.resolve("chain.zip");
        bundle(cuts).writeZip(zip);
        ProofBundle read = ProofBundle.read(zip);
        assertEquals(cuts, read.manifest().cuts());
        VerificationReport.Check entry = check(read, "program from model");
        assertTrue(Boolean.TRUE.equals(entry.passed()), entry.toString());
        VerificationReport.Check others = check(read, "chain from model");
        assertTrue(Boolean.TRUE.equals(others.passed()), others.toString());
        assertTrue(others.detail().contains("iris_tiny_s1.aleo"), others.detail());
    }

    @Test
    void editedCutsFailWithTheCutsNamed() throws Exception {
        // Cut elsewhere: the model compiles to other programs than the bundle holds.
        VerificationReport.Check moved = check(bundle(new RecordedCuts(null, List.of(), List.of("input"))),
                "program from model");
        assertTrue(moved.failed(), moved.toString());
        assertTrue(moved.detail().contains("cut after [input] (the bundle's recorded cuts)"), moved.detail());
        // A layer the model does not have.
        VerificationReport.Check unknown = check(bundle(new RecordedCuts(16, List.of(), List.of("layer9"))),
                "program from model");
        assertTrue(unknown.failed() && unknown.detail().contains("has no layer 'layer9'"), unknown.detail());
        // No cuts: a chain bundle from before they were recorded cannot be recompiled, and says why.
        VerificationReport.Check none = check(bundle(null), "program from model");
        assertTrue(none.failed() && none.detail().contains("does not record where the model was cut"), none.detail());
    }

    @Test
    void aCutListThatDoesNotFitTheProgramsIsMalformed() throws Exception {
        Path zip = dir.resolve("two-cuts.zip");
        bundle(new RecordedCuts(null, List.of(), List.of("layer0", "layer1"))).writeZip(zip);
        BundleRejectedException e = assertThrows(BundleRejectedException.class, () -> ProofBundle.read(zip));
        assertTrue(e.malformed() && e.getMessage().contains("cuts.cutAfter lists 2 cuts, but a chain of 2 programs is cut 1"),
                e.getMessage());
        assertTrue(Files.exists(zip));
    }
}
