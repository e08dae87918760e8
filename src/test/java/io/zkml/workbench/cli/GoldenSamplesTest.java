package io.zkml.workbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.zkml.workbench.circuit.CircuitInfo;
import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.testing.GoldenFiles;
import io.zkml.workbench.testing.NoNodeSidecar;
import io.zkml.workbench.testing.GoldenJson;
import io.zkml.workbench.testing.RecordedCircuits;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every bundled sample exported with constant and with private-committed weights: main.aleo,
 * main.leo, export.json and {@code cost --json} equal the golden files byte for byte
 * ({@code src/test/resources/golden/samples}); pinned weights need snarkVM's Poseidon and are checked
 * by {@link GoldenPinnedSamplesTest} in the snarkVM tier. Rewrite with {@code -Dgolden.update=true}
 * and review the diff (docs/TESTING.md).
 */
class GoldenSamplesTest {

    /** Proven in the snarkVM tier (ProvePipelineTest), which records snarkVM's circuit for it. */
    static final String PROVEN = SampleGoldens.caseName("iris-tiny", "constant");
    /** Proven with committed weights (scheme /2) in the snarkVM tier (CommittedIrisSnarkVmTest), recorded likewise. */
    static final String PROVEN_COMMITTED = SampleGoldens.caseName("iris-tiny", "private-committed");

    @TempDir
    Path tmp;

    static Stream<Arguments> cases() {
        return SampleGoldens.samples().stream()
                .flatMap(s -> Stream.of(Arguments.of(s, "constant"), Arguments.of(s, "private-committed")));
    }

    /**
     * The golden files hold no samples.json, so export need not ask snarkVM for a committed program's
     * expected commitment: without Node.js it writes the project without it, and the quick tier starts no sidecar.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void exportAndCostMatchTheGoldenFiles(String sample, String mode) throws Exception {
        try (SidecarClient noNode = NoNodeSidecar.client(tmp)) {
            GoldenFiles.assertMatches(SampleGoldens.caseName(sample, mode), SampleGoldens.generate(sample, mode, noNode, tmp));
        }
    }

    /** The golden cost of each proven program equals the circuit snarkVM synthesized for it: exact without snarkVM. */
    @ParameterizedTest(name = "{0}") // PROVEN and PROVEN_COMMITTED (an annotation takes literals only)
    @ValueSource(strings = {"samples/iris-tiny/constant", "samples/iris-tiny/private-committed"})
    void goldenCostOfTheProvenSampleEqualsSnarkVmsRecordedCircuit(String proven) {
        assertTrue(proven.equals(PROVEN) || proven.equals(PROVEN_COMMITTED), proven);
        if (GoldenFiles.updating()) {
            return; // a rewrite may change cost.json; the snarkVM tier re-records the circuit in the same run
        }
        JsonNode cost = GoldenJson.parse(GoldenFiles.read(proven, "cost.json"));
        JsonNode t = cost.path("total");
        RecordedCircuits.assertPredictionMatches(proven, new CircuitInfo(t.path("constraints").asLong(),
                t.path("variables").asLong(), t.path("nonZeroA").asLong(), t.path("nonZeroB").asLong(),
                t.path("nonZeroC").asLong()), cost.path("srsDegreeLog2").asInt());
    }
}
