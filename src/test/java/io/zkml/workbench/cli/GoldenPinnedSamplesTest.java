package io.zkml.workbench.cli;

import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.testing.GoldenFiles;
import io.zkml.workbench.testing.SnarkVm;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden files of every sample exported with pinned weights. The pinned program embeds the
 * Poseidon (psd2) commitment to its weights, which only snarkVM computes, so this class belongs to
 * the snarkVM tier; it costs one hash per export on the run's shared sidecar, no synthesis.
 */
@SnarkVm
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GoldenPinnedSamplesTest {

    @TempDir
    Path tmp;
    private SidecarClient client;

    @BeforeAll
    void start(SidecarClient shared) {
        client = shared;
    }

    static List<String> samples() {
        return SampleGoldens.samples();
    }

    @ParameterizedTest(name = "{0} pinned")
    @MethodSource("samples")
    void pinnedExportAndCostMatchTheGoldenFiles(String sample) throws Exception {
        GoldenFiles.assertMatches(SampleGoldens.caseName(sample, "pinned"), SampleGoldens.generate(sample, "pinned", client, tmp));
    }
}
