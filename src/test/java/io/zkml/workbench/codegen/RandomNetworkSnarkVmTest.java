package io.zkml.workbench.codegen;

import io.zkml.workbench.circuit.CostEstimate;
import io.zkml.workbench.circuit.CostModel;
import io.zkml.workbench.circuit.ExactCost;
import io.zkml.workbench.graph.Activation;
import io.zkml.workbench.prove.ExecutionResult;
import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.quant.IntegerSimulator;
import io.zkml.workbench.quant.QuantizedGraph;
import io.zkml.workbench.quant.SimulationResult;
import io.zkml.workbench.testing.RecordedCircuits;
import io.zkml.workbench.testing.SnarkVm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real snarkVM computes what the simulator computes on networks with the newly lowered
 * layers, and the cost model predicts each circuit exactly (all five counts): a MaxPool +
 * piecewise-linear Sigmoid network (field ternaries and variable field products) and four
 * generated random networks. Five programs, each synthesized once per key cache and executed on one
 * sample (the circuit satisfied, its five counts); all samples evaluated (outputs).
 */
@SnarkVm
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RandomNetworkSnarkVmTest {

    private static final int SAMPLES = 3;
    private SidecarClient client;

    /** The run's shared sidecar (closed when the run ends, not by this class). */
    @BeforeAll
    void start(SidecarClient shared) {
        client = shared;
    }

    @Test
    void maxPoolAndSigmoidNetworkMatchesSimulator() {
        RecordedCircuits.check(GoldenRandomNetworksTest.tinyPoolSigmoid(),
                runAndCompare(client, RandomNetworks.tinyPool(1, Activation.SIGMOID), SAMPLES));
    }

    /**
     * Generated networks below 2^14 constraints: seed 108 (AvgPool with SAME padding), 114 (Dense +
     * LeakyReLU 0.1, logits), 119 (Conv2D + HardSigmoid, AvgPool, logits) and 158 (MaxPool, Dense +
     * HardSigmoid, argmax). Each also checks the cost model's exact prediction.
     */
    @ParameterizedTest
    @ValueSource(longs = {108, 114, 119, 158})
    void randomNetworkMatchesSimulator(long seed) {
        RecordedCircuits.check(GoldenRandomNetworksTest.seeded(seed), runAndCompare(client, RandomNetworks.generate(seed), SAMPLES));
    }

    /**
     * Runs {@code samples} generated inputs of {@code net} in snarkVM: the first is executed (its keys
     * synthesized once per key cache: the circuit satisfied on it, and equal to the cost model's prediction
     * in all five counts), and every sample is evaluated by snarkVM's checked arithmetic
     * ({@code evaluateRows}, no keys): each output equals the simulator's. Executing every sample cost a
     * proving-key load (about 6 s) and a circuit run each, for the same circuit. Returns the circuit, which
     * the golden record of the network ({@link GoldenRandomNetworksTest}) must equal.
     */
    static io.zkml.workbench.prove.CircuitInfo runAndCompare(SidecarClient client, RandomNetworks.Net net, int samples) {
        QuantizedGraph q = net.quantized();
        IrProgram ir = GoldenRandomNetworksTest.lower(net);
        CostEstimate predicted = CostModel.bundled().estimate(ir);
        assertTrue(predicted.total().srsDegreeLog2() <= 16, net.description() + " fits 2^16");
        String program = new AleoPrinter().print(ir).text();
        SimulationResult sim = new IntegerSimulator().run(q, net.inputs(net.seed() * 5 + 1, samples));
        List<List<String>> rows = new java.util.ArrayList<>();
        for (int s = 0; s < samples; s++) {
            rows.add(List.of(Tiny443.literal(sim.row(0, s), "i16")));
        }
        ExecutionResult r = client.execute(program, "main", rows.get(0));
        ExactCost.assertExact(r.circuit(), predicted, net.description());
        assertOutputs(q, ir, sim, 0, r.outputs(), net.description() + " sample 0, executed");
        List<List<String>> evaluated = client.evaluateRows(program, "main", rows, java.util.Map.of());
        for (int s = 0; s < samples; s++) {
            assertOutputs(q, ir, sim, s, evaluated.get(s), net.description() + " sample " + s + ", evaluated");
        }
        return r.circuit();
    }

    /** snarkVM's {@code outputs} for sample {@code s} are the simulator's (the argmax class, or every logit). */
    static void assertOutputs(QuantizedGraph q, IrProgram ir, SimulationResult sim, int s, List<String> outputs, String what) {
        if (q.output().argmax()) {
            assertEquals(List.of(sim.predictions()[s] + ir.outputs().get(0).value().type().aleo()), outputs, what);
        } else {
            String type = ((ArrayType) ir.outputs().get(0).value().type()).element().aleo();
            assertEquals(1, outputs.size(), what);
            assertEquals(SnarkVmExecutionTest.toList(sim.row(q.outputIndex(), s)),
                    SnarkVmExecutionTest.parseArray(outputs.get(0), type), what);
        }
    }
}
