package io.zkml.workbench.export;

import io.zkml.workbench.data.Dataset;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.QuantSpecJson;
import io.zkml.workbench.samples.SampleCatalog;
import io.zkml.workbench.session.ModelSession;
import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.testing.SidecarLanes;
import io.zkml.workbench.testing.SnarkVm;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * fashion-cnn as exported, a chain of three programs cut inside its conv layer (issue #13), runs in the
 * real snarkVM bit-equal to the simulator on test rows of the committed Fashion-MNIST CSV. Twenty rows go
 * through the sidecar's evaluateRows (snarkVM's unchecked authorization of the entry with its two imports:
 * every instruction of every program, no circuit), the 20 images; the first row also runs every
 * transition's circuit (about 780,000 constraints; no keys, since the circuits need SRS 2^19 to 2^21, whose
 * parameters are online only), so the chain's constraints are satisfied too. The two run side by side on the
 * run's {@link SidecarLanes}. {@code -Dzkml.fashionRows=N}
 * and {@code -Dzkml.fashionCircuitRows=N} change the counts.
 */
@SnarkVm
class FashionCnnChainSnarkVmTest {

    static final int ROWS = Integer.getInteger("zkml.fashionRows", 20);
    static final int CIRCUIT_ROWS = Integer.getInteger("zkml.fashionCircuitRows", 1);

    @Test
    void theExportedChainRunsBitEqualToTheSimulator(SidecarLanes lanes) throws Exception {
        ModelSession s = ModelSession.open(SampleCatalog.get("fashion-cnn").modelPath(Path.of("sample-models")), null);
        QuantSpec spec = s.calibrate();
        CompiledModel m = ModelCompiler.standard().compile(s, spec, new QuantSpecJson().toJson(spec));
        assertEquals(3, m.segments().size(), "cut inside the conv layer into three programs");
        assertTrue(m.hardViolations().isEmpty(), m.hardViolations().toString());
        Map<String, String> imports = new LinkedHashMap<>();
        m.segments().stream().skip(1).forEach(seg -> imports.put(seg.programId(), seg.aleoText()));

        Dataset d = s.dataset().orElseThrow();
        int rows = Math.min(ROWS, d.features().length);
        List<SampleRow> encoded = new RowEncoder(m).encode(Arrays.copyOfRange(s.normalizedFeatures(), 0, rows),
                Arrays.copyOfRange(d.features(), 0, rows), Arrays.copyOfRange(d.labels(), 0, rows), 0);
        for (SampleRow row : encoded) {
            assertNull(row.overflow(), "row " + row.index());
        }
        // Two sidecars side by side (an evaluation runs on one thread): every row's instructions on one, the
        // first row's circuits on the other, about as long as each other.
        List<Consumer<SidecarClient>> work = new ArrayList<>();
        work.add(client -> {
            long started = System.nanoTime();
            List<List<String>> outputs = client.evaluateRows(m.aleoText(), "main",
                    encoded.stream().map(SampleRow::inputs).toList(), imports);
            for (int i = 0; i < encoded.size(); i++) {
                assertEquals(encoded.get(i).expectedOutputs(), outputs.get(i),
                        "row " + encoded.get(i).index() + ": snarkVM's outputs are the simulator's");
            }
            System.out.printf("[fashion-cnn chain] %d rows evaluated bit-equal in %.1f s%n", encoded.size(),
                    (System.nanoTime() - started) / 1e9);
        });
        for (SampleRow row : encoded.subList(0, Math.min(CIRCUIT_ROWS, encoded.size()))) {
            work.add(client -> {
                long started = System.nanoTime();
                assertEquals(row.expectedOutputs(), client.evaluate(m.aleoText(), "main", row.inputs(), imports),
                        "row " + row.index() + ": the circuits of the chain give the simulator's outputs");
                System.out.printf("[fashion-cnn chain] row %d through every transition's circuit in %.1f s%n",
                        row.index(), (System.nanoTime() - started) / 1e9);
            });
        }
        lanes.run(work);
    }
}
