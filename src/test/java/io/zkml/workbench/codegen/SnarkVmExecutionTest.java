package io.zkml.workbench.codegen;

import io.zkml.workbench.prove.ExecutionResult;
import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.quant.Domain;
import io.zkml.workbench.quant.IntegerSimulator;
import io.zkml.workbench.quant.OutputMode;
import io.zkml.workbench.quant.QuantizedGraph;
import io.zkml.workbench.quant.SimulationResult;
import io.zkml.workbench.testing.SnarkVm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs lowered 4-4-3 networks in the real snarkVM (through the sidecar) and compares every
 * output with the IntegerSimulator. Keys are cached in the run's shared key cache (SharedSidecar.keyCacheDir()),
 * so only the first run of a program text pays for synthesis.
 */
@SnarkVm
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SnarkVmExecutionTest {

    static final int SAMPLES = 4;
    private SidecarClient client;

    /** The run's shared sidecar (closed when the run ends, not by this class). */
    @BeforeAll
    void start(SidecarClient shared) {
        client = shared;
    }

    @Test
    void fieldArgmaxNetworkMatchesSimulator() {
        QuantizedGraph q = Tiny443.quantized(1, Domain.FIELD, OutputMode.ARGMAX);
        SimulationResult sim = new IntegerSimulator().run(q, Tiny443.inputs(7, SAMPLES));
        String program = program(q);
        for (int s = 0; s < SAMPLES; s++) {
            ExecutionResult r = client.execute(program, "main", List.of(Tiny443.literal(sim.row(0, s), "i16")));
            assertEquals(List.of(sim.predictions()[s] + "u8"), r.outputs(), "sample " + s);
        }
    }

    @Test
    void narrowIntegerLogitsNetworkMatchesSimulator() {
        QuantizedGraph q = Tiny443.quantizedNarrow(1, Domain.I16, OutputMode.LOGITS);
        SimulationResult sim = new IntegerSimulator().run(q, Tiny443.inputs(8, SAMPLES));
        assertTrue(sim.overflow().isClean());
        String program = program(q);
        for (int s = 0; s < SAMPLES; s++) {
            ExecutionResult r = client.execute(program, "main", List.of(Tiny443.literal(sim.row(0, s), "i8")));
            assertEquals(1, r.outputs().size());
            assertEquals(toList(sim.row(q.outputIndex(), s)), parseArray(r.outputs().get(0), "i8"), "sample " + s);
        }
    }

    /** CHECK bounds: snarkVM runs in-range inputs like the simulator and refuses the others. */
    @Test
    void checkBoundAbortsInSnarkVmWhereTheSimulatorReportsIt() {
        io.zkml.workbench.quant.QuantSpec spec = io.zkml.workbench.quant.QuantSpec.of(8, java.util.Map.of(
                "dense_1", io.zkml.workbench.quant.LayerQuant.of(8, 8).withBoundMode(io.zkml.workbench.quant.BoundMode.CHECK),
                "out", io.zkml.workbench.quant.LayerQuant.of(8, 8).withBoundMode(io.zkml.workbench.quant.BoundMode.CHECK)));
        QuantizedGraph q = io.zkml.workbench.quant.QuantizedGraphBuilder.build(Tiny443.graph(3), spec);
        String program = program(q);
        int passed = 0;
        boolean aborted = false;
        for (float[] x : Tiny443.inputs(5, 40)) {
            for (int i = 0; i < x.length; i++) {
                x[i] *= 40;
            }
            SimulationResult sim = new IntegerSimulator().run(q, new float[][] {x});
            List<String> in = List.of(Tiny443.literal(sim.row(0, 0), "i16"));
            if (sim.overflow().isClean() && passed < 2) {
                assertEquals(List.of(sim.predictions()[0] + "u8"), client.execute(program, "main", in).outputs());
                passed++;
            } else if (!sim.overflow().isClean() && !aborted) {
                org.junit.jupiter.api.Assertions.assertThrows(io.zkml.workbench.prove.SidecarException.class,
                        () -> client.execute(program, "main", in));
                aborted = true;
            }
        }
        assertTrue(passed == 2 && aborted);
    }

    static List<Long> toList(long[] v) {
        return Arrays.stream(v).boxed().toList();
    }

    static List<Long> parseArray(String text, String type) {
        String body = text.trim();
        assertTrue(body.startsWith("[") && body.endsWith("]"), body);
        List<Long> out = new ArrayList<>();
        for (String part : body.substring(1, body.length() - 1).split(",")) {
            String p = part.trim();
            assertTrue(p.endsWith(type), p);
            out.add(Long.parseLong(p.substring(0, p.length() - type.length())));
        }
        return out;
    }

    /** The Aleo text of {@code q} lowered as the 4-4-3 tests' program {@code tiny443}. */
    static String program(QuantizedGraph q) {
        return new AleoPrinter().print(new Lowering().lower(q, Tiny443.HEADER, "tiny443")).text();
    }
}
