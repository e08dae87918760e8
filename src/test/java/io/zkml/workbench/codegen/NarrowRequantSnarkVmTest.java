package io.zkml.workbench.codegen;

import io.zkml.workbench.circuit.CostEstimate;
import io.zkml.workbench.circuit.CostModel;
import io.zkml.workbench.circuit.ExactCost;
import io.zkml.workbench.graph.Activation;
import io.zkml.workbench.prove.ExecutionResult;
import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.quant.Approximation;
import io.zkml.workbench.quant.Domain;
import io.zkml.workbench.quant.IntegerSimulator;
import io.zkml.workbench.quant.OutputMode;
import io.zkml.workbench.quant.QuantizedGraph;
import io.zkml.workbench.quant.SimulationResult;
import io.zkml.workbench.testing.RecordedCircuits;
import io.zkml.workbench.testing.SnarkVm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requantization and clamps in the narrowest unsigned type a layer's static range allows, in the
 * real snarkVM: every output equals the simulator's on many inputs (evaluated), one input executes (the
 * circuit satisfied), and the cost model predicts the synthesized circuit exactly in all five counts
 * (constraints, variables, non-zeros of A, B, C).
 */
@SnarkVm
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NarrowRequantSnarkVmTest {

    private static final int SAMPLES = 12;
    private SidecarClient client;

    /** The run's shared sidecar (closed when the run ends, not by this class). */
    @BeforeAll
    void start(SidecarClient shared) {
        client = shared;
    }

    /** 16-bit activations, 8 fractional bits: accumulators below 2^31, so every value lives in u32. */
    @Test
    void u32NetworkMatchesSimulatorAndPrediction() {
        QuantizedGraph q = Tiny443.quantized(1, Domain.FIELD, OutputMode.ARGMAX);
        assertEquals(Set.of("u32", "u8"), runAndCompare(q, "i16", Tiny443.inputs(11, SAMPLES)));
    }

    /** 8-bit activations, 4 fractional bits: accumulators below 2^15, so requantization runs in u16. */
    @Test
    void u16NetworkMatchesSimulatorAndPrediction() {
        QuantizedGraph q = Tiny443.quantizedNarrow(2, Domain.FIELD, OutputMode.ARGMAX);
        assertEquals(Set.of("u16", "u8"), runAndCompare(q, "i8", Tiny443.inputs(12, SAMPLES)));
    }

    /** Polynomial Sigmoid (degree 3) after a MaxPool: Horner in the field, one narrow cast per rescaling. */
    @Test
    void polynomialSigmoidMatchesSimulator() {
        RecordedCircuits.check(GoldenRandomNetworksTest.tinyPoolPolySigmoid(), RandomNetworkSnarkVmTest.runAndCompare(client,
                RandomNetworks.tinyPool(3, Activation.SIGMOID, Approximation.poly(3)), 4));
    }

    /**
     * Executes the first sample in snarkVM (keys synthesized once per key cache: the circuit satisfied, and
     * the cost model's prediction exact) and evaluates every sample by snarkVM's checked arithmetic
     * ({@code evaluateRows}): each output is the simulator's. Returns the unsigned types the program's casts
     * produce. The program is named as {@link SnarkVmExecutionTest#program} names it, so the u32 network is
     * the same text as that class's and {@code CostModelSnarkVmTest}'s 4-4-3 program: one synthesis a run.
     */
    private Set<String> runAndCompare(QuantizedGraph q, String inputType, float[][] inputs) {
        IrProgram ir = new Lowering().lower(q, Tiny443.HEADER, "tiny443");
        CostEstimate predicted = CostModel.bundled().estimate(ir);
        String program = new AleoPrinter().print(ir).text();
        SimulationResult sim = new IntegerSimulator().run(q, inputs);
        assertTrue(sim.overflow().isClean(), sim.overflow().summary());
        List<List<String>> rows = new java.util.ArrayList<>();
        for (int s = 0; s < inputs.length; s++) {
            rows.add(List.of(Tiny443.literal(sim.row(0, s), inputType)));
        }
        ExecutionResult r = client.execute(program, "main", rows.get(0));
        assertEquals(List.of(sim.predictions()[0] + "u8"), r.outputs(), "sample 0, executed");
        ExactCost.assertExact(r.circuit(), predicted, "the executed circuit");
        List<List<String>> evaluated = client.evaluateRows(program, "main", rows, java.util.Map.of());
        for (int s = 0; s < inputs.length; s++) {
            assertEquals(List.of(sim.predictions()[s] + "u8"), evaluated.get(s), "sample " + s + ", evaluated");
        }
        Set<String> types = new TreeSet<>();
        for (Instruction i : ir.body()) {
            if (i.dst().type() instanceof ScalarType t && t.isInteger() && !t.signed()) {
                types.add(t.aleo());
            }
        }
        return types;
    }
}
