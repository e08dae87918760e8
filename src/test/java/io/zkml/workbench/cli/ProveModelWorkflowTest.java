package io.zkml.workbench.cli;

import io.zkml.workbench.prove.SidecarClient;

import io.zkml.workbench.testing.SnarkVm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkml.workbench.export.CompiledModel;
import io.zkml.workbench.export.ModelCompiler;
import io.zkml.workbench.io.FileHashes;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.QuantSpecJson;
import io.zkml.workbench.session.ModelSession;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code zkml prove MODEL --row N} runs the one proving workflow (bundle.ProvingWorkflow, also the
 * Prove tab's): the compiled program is exported aside, proven with real snarkVM, checked against the
 * simulator, written as a bundle, and the temporary export is gone afterwards.
 */
@SnarkVm
class ProveModelWorkflowTest {

    @Test
    void provingAModelFileWritesTheBundleOfTheCompiledProgramAndCleansUp(SidecarClient shared) throws Exception {
        try (SidecarTestbed testbed = SidecarTestbed.start("zkml-workflow-", shared)) {
            Set<Path> before = exports();
            Path bundle = testbed.tmp.resolve("row0.zip");
            CliRunner.Result r = CliRunner.run(testbed.client, "prove", ProveExportCommandTest.IRIS_TINY.toString(),
                    "--row", "0", "--out", bundle.toString(), "--json");
            assertEquals(0, r.exit(), r.err());
            assertTrue(Files.isRegularFile(bundle));
            JsonNode m = new ObjectMapper().readTree(r.out()).path("manifest");

            ModelSession session = ModelSession.open(ProveExportCommandTest.IRIS_TINY, null);
            QuantSpec spec = session.calibrate();
            CompiledModel c = ModelCompiler.standard().compile(session, spec, new QuantSpecJson().toJson(spec));
            assertEquals(FileHashes.sha256(c.aleoText().getBytes(StandardCharsets.UTF_8)), m.path("programSha256").asText(),
                    "the bundle proves the program the compiler made");
            assertEquals("constant", m.path("weightsMode").asText());
            assertEquals("V19", m.path("consensusVersion").asText());
            assertEquals(0, m.path("row").asInt());
            assertEquals(before, exports(), "the temporary export is deleted");
        }
    }

    private static Set<Path> exports() throws Exception {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("zkml-prove-")).collect(Collectors.toSet());
        }
    }
}
