package io.zkml.workbench.codegen;

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
 * output with the IntegerSimulator: snarkVM's checked arithmetic on every row ({@code evaluateRows}) and
 * its circuit on the first ({@code evaluate}); no keys. The field-argmax program is the text that
 * {@code NarrowRequantSnarkVmTest} executes (circuit satisfied) and {@code CostModelSnarkVmTest} counts;
 * proofs of generated programs are {@code ProvePipelineTest}'s and the other proving classes'.
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
        List<List<String>> outputs = runRows(program(q), sim, "i16");
        for (int s = 0; s < SAMPLES; s++) {
            assertEquals(List.of(sim.predictions()[s] + "u8"), outputs.get(s), "sample " + s);
        }
    }

    @Test
    void narrowIntegerLogitsNetworkMatchesSimulator() {
        QuantizedGraph q = Tiny443.quantizedNarrow(1, Domain.I16, OutputMode.LOGITS);
        SimulationResult sim = new IntegerSimulator().run(q, Tiny443.inputs(8, SAMPLES));
        assertTrue(sim.overflow().isClean());
        List<List<String>> outputs = runRows(program(q), sim, "i8");
        for (int s = 0; s < SAMPLES; s++) {
            assertEquals(1, outputs.get(s).size());
            assertEquals(toList(sim.row(q.outputIndex(), s)), parseArray(outputs.get(s).get(0), "i8"), "sample " + s);
        }
    }

    /**
     * snarkVM's outputs of every simulated row: all rows by its checked arithmetic ({@code evaluateRows}),
     * and the first also through the circuit ({@code evaluate}), which must agree. Neither synthesizes keys.
     */
    private List<List<String>> runRows(String program, SimulationResult sim, String inputType) {
        List<List<String>> rows = new ArrayList<>();
        for (int s = 0; s < SAMPLES; s++) {
            rows.add(List.of(Tiny443.literal(sim.row(0, s), inputType)));
        }
        List<List<String>> outputs = client.evaluateRows(program, "main", rows, java.util.Map.of());
        assertEquals(outputs.get(0), client.evaluate(program, "main", rows.get(0)), "the circuit's outputs of sample 0");
        return outputs;
    }

    /** CHECK bounds: snarkVM runs in-range inputs like the simulator and refuses the others (its checked arithmetic). */
    @Test
    void checkBoundAbortsInSnarkVmWhereTheSimulatorReportsIt() {
        io.zkml.workbench.quant.QuantSpec spec = io.zkml.workbench.quant.QuantSpec.of(8, java.util.Map.of(
                "dense_1", io.zkml.workbench.quant.LayerQuant.of(8, 8).withBoundMode(io.zkml.workbench.quant.BoundMode.CHECK),
                "out", io.zkml.workbench.quant.LayerQuant.of(8, 8).withBoundMode(io.zkml.workbench.quant.BoundMode.CHECK)));
        QuantizedGraph q = io.zkml.workbench.quant.QuantizedGraphBuilder.build(Tiny443.graph(3), spec);
        String program = program(q);
        List<List<String>> passing = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        List<String> refused = null;
        for (float[] x : Tiny443.inputs(5, 40)) {
            for (int i = 0; i < x.length; i++) {
                x[i] *= 40;
            }
            SimulationResult sim = new IntegerSimulator().run(q, new float[][] {x});
            List<String> in = List.of(Tiny443.literal(sim.row(0, 0), "i16"));
            if (sim.overflow().isClean() && passing.size() < 2) {
                passing.add(in);
                expected.add(sim.predictions()[0] + "u8");
            } else if (!sim.overflow().isClean() && refused == null) {
                refused = in;
            }
        }
        assertTrue(passing.size() == 2 && refused != null);
        assertEquals(expected, client.evaluateRows(program, "main", passing, java.util.Map.of()).stream()
                .map(o -> o.get(0)).toList());
        List<List<String>> out = List.of(refused);
        org.junit.jupiter.api.Assertions.assertThrows(io.zkml.workbench.prove.SidecarException.class,
                () -> client.evaluateRows(program, "main", out, java.util.Map.of()));
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
