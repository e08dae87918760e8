package io.zkml.workbench.ui.prove;

import io.zkml.workbench.prove.LeoBackend;
import io.zkml.workbench.prove.ProvingEnvironment;
import io.zkml.workbench.prove.SidecarConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Prove tab asks for the proving environment at every program it shows, so at every bit-width change:
 * Node.js is asked for its version once it has answered, not each time (a process per change, beside
 * the compile), while the SRS files still follow each program's degree.
 */
class SidecarProverTest {

    @TempDir
    Path tmp;

    /** A stand-in for {@code node} that prints {@code version} and counts how often it was run. */
    private Path node(String version) throws Exception {
        Path script = tmp.resolve("node");
        Files.writeString(script, "#!/bin/sh\necho run >> '" + tmp.resolve("runs") + "'\necho " + version + "\n");
        assertTrue(script.toFile().setExecutable(true));
        return script;
    }

    @Test
    void aSidecarInstalledLaterIsSeenWithoutAskingNodeAgain() throws Exception {
        try (SidecarProver p = prover(node("v20.1.0"))) {
            Path sdk = tmp.resolve("sidecar/node_modules/@provablehq/sdk");
            Files.delete(sdk);
            assertFalse(p.probe(16).sidecarReady());
            Files.createDirectories(sdk);
            assertTrue(p.probe(16).ready(), "the sidecar's files are looked at again");
            assertEquals(1, runs());
        }
    }

    private long runs() throws Exception {
        Path runs = tmp.resolve("runs");
        return Files.exists(runs) ? Files.readAllLines(runs).size() : 0;
    }

    private SidecarProver prover(Path node) throws Exception {
        Path sidecar = Files.createDirectories(tmp.resolve("sidecar"));
        Files.writeString(sidecar.resolve("sidecar.mjs"), "");
        Files.createDirectories(sidecar.resolve("node_modules/@provablehq/sdk"));
        SidecarConfig config = new SidecarConfig(node.toString(), sidecar, Files.createDirectories(tmp.resolve("params")),
                tmp.resolve("keys"));
        return new SidecarProver(config, new LeoBackend(tmp.resolve("no-leo-here").toString()));
    }

    @Test
    void nodeIsAskedOnceAndTheParametersFollowEachProgramsDegree() throws Exception {
        try (SidecarProver p = prover(node("v20.1.0"))) {
            ProvingEnvironment first = p.probe(16);
            ProvingEnvironment larger = p.probe(19);
            ProvingEnvironment again = p.probe(16);
            assertEquals(1, runs(), "node --version runs once, not at every program");
            assertTrue(first.ready() && larger.ready() && again.ready());
            assertEquals("v20.1.0", larger.nodeVersion().orElseThrow());
            assertEquals(List.of("powers-of-beta-16"), names(first));
            // snarkVM loads every degree up to the circuit's in turn, not only 16 and the circuit's own.
            assertEquals(List.of("powers-of-beta-16", "powers-of-beta-17", "powers-of-beta-18", "powers-of-beta-19"),
                    names(larger));
            assertEquals(first, again);
            assertFalse(larger.leoCli().isPresent());
        }
    }

    @Test
    void aNodeThatDoesNotSufficeIsAskedAgainAtTheNextProgram() throws Exception {
        try (SidecarProver p = prover(node("v16.0.0"))) {
            assertFalse(p.probe(16).ready());
            assertFalse(p.probe(16).ready());
            assertEquals(2, runs(), "until Node.js answers, each ask looks again (it may have been installed meanwhile)");
        }
    }

    private static List<String> names(ProvingEnvironment e) {
        return e.parameters().stream().map(ProvingEnvironment.Parameter::name).toList();
    }
}
