package io.zkml.workbench.codegen;

import io.zkml.workbench.circuit.CostModel;
import io.zkml.workbench.circuit.ExactCost;
import io.zkml.workbench.graph.Activation;
import io.zkml.workbench.graph.LayerOp;
import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.graph.Node;
import io.zkml.workbench.graph.Shape;
import io.zkml.workbench.graph.Tensor;
import io.zkml.workbench.prove.ExecutionResult;
import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.prove.SidecarException;
import io.zkml.workbench.quant.IntegerSimulator;
import io.zkml.workbench.quant.LayerQuant;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.QuantizedGraph;
import io.zkml.workbench.quant.QuantizedGraphBuilder;
import io.zkml.workbench.quant.SimulationResult;
import io.zkml.workbench.testing.SnarkVm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Committed and pinned weights in the real snarkVM on a 2-2-2 network: the public commitment the
 * program outputs is the one Java computes through the sidecar's hash op, a changed weight
 * changes it, and the pinned program refuses weights that do not hash to its constant. Each program is
 * executed once (circuit satisfied, counts exact); the other runs are evaluated (outputs, refusal).
 * Proofs with committed and pinned weights are {@code CommittedIrisSnarkVmTest}'s and
 * {@code CommittedPipelineTest}'s.
 */
@SnarkVm
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommittedWeightsSnarkVmTest {

    private SidecarClient client;

    /** The run's shared sidecar (closed when the run ends, not by this class). */
    @BeforeAll
    void start(SidecarClient shared) {
        client = shared;
    }

    static QuantizedGraph tiny222() {
        List<Node> nodes = new ArrayList<>();
        nodes.add(new Node("in", new LayerOp.Input(Shape.flat(2)), List.of(), Shape.flat(2), Map.of(), "test"));
        nodes.add(new Node("h", new LayerOp.Dense(2, 2, true, Activation.RELU), List.of("in"), Shape.flat(2),
                Map.of("W", new Tensor(new int[] {2, 2}, new float[] {0.5f, -0.7f, 0.3f, 0.8f}),
                        "b", Tensor.vector(new float[] {0.1f, -0.2f})), "test"));
        nodes.add(new Node("out", new LayerOp.Output(2, 2, true, Activation.SOFTMAX, "mcxent"), List.of("h"),
                Shape.flat(2), Map.of("W", new Tensor(new int[] {2, 2}, new float[] {0.9f, -0.4f, -0.6f, 0.2f}),
                "b", Tensor.vector(new float[] {0.05f, 0.0f})), "test"));
        ModelGraph g = new ModelGraph("tiny222", ModelGraph.SourceKind.BUILT, nodes, List.of("out"), Optional.empty());
        return QuantizedGraphBuilder.build(g, QuantSpec.of(8, Map.of("h", LayerQuant.of(8, 8), "out", LayerQuant.of(8, 8))));
    }

    private String psd2(String literal) {
        return client.hash("psd2", literal, "field");
    }

    private List<String> inputs(long[] x, CommittedWeights cw) {
        List<String> in = new ArrayList<>();
        in.add(Tiny443.literal(x, "i16"));
        cw.chunks().forEach(c -> in.add(c.literal()));
        return in;
    }

    @Test
    void committedProgramOutputsTheJavaCommitmentAndPinnedRefusesOtherWeights() {
        QuantizedGraph q = tiny222();
        CommittedWeights cw = CommittedWeights.of(q);
        String commitment = cw.commitment(this::psd2);
        SimulationResult sim = new IntegerSimulator().run(q, new float[][] {{1.2f, -0.4f}, {-0.8f, 1.5f}});

        IrProgram committed = new Lowering().lower(q, Tiny443.HEADER, "tiny222c", WeightsMode.PRIVATE_COMMITTED, null);
        String text = new AleoPrinter().print(committed).text();
        // One execution: the keys (once per key cache), the circuit satisfied, and the weights input, its
        // Poseidon commitment and the variable products predicted exactly. The other runs need only outputs:
        // snarkVM's checked arithmetic (evaluateRows), no proving-key load.
        ExecutionResult r = client.execute(text, "main", inputs(sim.row(0, 0), cw));
        assertEquals(List.of(sim.predictions()[0] + "u8", commitment), r.outputs(), "sample 0, executed");
        ExactCost.assertExact(r.circuit(), CostModel.bundled().estimate(committed), "committed 2-2-2");
        QuantizedGraph changed = CommittedWeightsTest.withFirstWeightPlusOne(q);
        CommittedWeights other = CommittedWeights.of(changed);
        String otherCommitment = other.commitment(this::psd2);
        assertNotEquals(commitment, otherCommitment);
        List<List<String>> evaluated = client.evaluateRows(text, "main",
                List.of(inputs(sim.row(0, 1), cw), inputs(sim.row(0, 0), other)), Map.of());
        assertEquals(List.of(sim.predictions()[1] + "u8", commitment), evaluated.get(0), "sample 1");
        assertEquals(otherCommitment, evaluated.get(1).get(1), "the program commits to whatever weights it ran with");

        IrProgram pinned = new Lowering().lower(q, Tiny443.HEADER, "tiny222p", WeightsMode.PINNED, commitment);
        String pinnedText = new AleoPrinter().print(pinned).text();
        ExecutionResult pinnedRun = client.execute(pinnedText, "main", inputs(sim.row(0, 1), cw));
        assertEquals(List.of(sim.predictions()[1] + "u8"), pinnedRun.outputs());
        ExactCost.assertExact(pinnedRun.circuit(), CostModel.bundled().estimate(pinned), "pinned 2-2-2");
        // The refusal is the program's assertion failing in snarkVM's checked evaluation, before any circuit.
        List<List<String>> otherWeights = List.of(inputs(sim.row(0, 1), other));
        assertThrows(SidecarException.class, () -> client.evaluateRows(pinnedText, "main", otherWeights, Map.of()));
    }
}
