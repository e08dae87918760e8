package io.zkml.workbench.codegen;

import io.zkml.workbench.quant.UnrepresentableRangeException;
import io.zkml.workbench.testing.SidecarLanes;
import io.zkml.workbench.testing.SnarkVm;

import io.zkml.workbench.circuit.CostEstimate;
import io.zkml.workbench.circuit.CostModel;
import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.prove.SidecarException;
import io.zkml.workbench.quant.IntegerSimulator;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.QuantizedGraph;
import io.zkml.workbench.quant.QuantizedGraphBuilder;
import io.zkml.workbench.quant.SimulationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The snarkVM tier of issue #17: the specs that used to fail lowering, and a sample of the
 * differential generator's cases, run in the real snarkVM with outputs bit-equal to the
 * simulator (and abort where the simulator reports an overflow). The generator sample takes the
 * first small programs.
 *
 * <p>What each program costs (issue #15): nothing is synthesized. Every in-range row's outputs come
 * from the sidecar's {@code evaluate} (snarkVM's circuit run without keys, about a second): every
 * output bit of the circuit, not its satisfaction, which {@code RandomNetworkSnarkVmTest},
 * {@code NarrowRequantSnarkVmTest}, {@code CommittedWeightsSnarkVmTest} and {@code ClosuresSnarkVmTest}
 * hold by executing each of their programs once, and the proving classes by proofs. (The two named
 * cases and the first generated program used to be executed: three syntheses a cold run.) Rows the
 * simulator says overflow go through {@code evaluateRows}, snarkVM's checked arithmetic, which must
 * abort (evaluate's circuit run would wrap); that is the same evaluation of the instructions that
 * refused them before any synthesis when they were executed.
 */
@SnarkVm
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DifferentialSnarkVmTest {

    /** Generated programs run in snarkVM: small ones (cheap synthesis on a shared machine). */
    static final int GENERATED = 20;
    private static final long MAX_CONSTRAINTS = 20_000;
    /** Programs longer than this are not priced at all (they are far beyond 2^16). */
    private static final int MAX_INSTRUCTIONS = 600;
    private SidecarClient client;

    @BeforeAll
    void start(SidecarClient shared) {
        client = shared;
    }

    @Test
    void irisTinyWithNarrowHiddenLayerAndLogitsRunsBitEqual() throws Exception {
        UnloweredSpecs.Fixture f = UnloweredSpecs.irisTinyNarrowLogits();
        float[][] rows = {f.inputs()[0], f.inputs()[15], f.inputs()[29]};
        assertEquals(rows.length, run(client, f.quantized(), rows, f.name()));
    }

    /** The 4-128-64-39 network is beyond 2^16; the same structure at 4-4-4-2 runs its Sigmoid logits output. */
    @Test
    void sigmoidMultiLabelNetworkRunsBitEqual() {
        var g = UnloweredSpecs.sigmoidMultiLabel(17, 4, 4, 2);
        QuantSpec spec = UnloweredSpecs.calibrated(g);
        assertEquals(2, run(client, QuantizedGraphBuilder.build(g, spec), UnloweredSpecs.gaussian(5, 2, 4), "4-4-4-2 sigmoid"));
    }

    /** A generated program and the two rows it runs. */
    private record Generated(long seed, QuantizedGraph q, float[][] rows, String what) {
    }

    @Test
    void generatedNetworksWithRandomSpecsRunBitEqual(SidecarLanes lanes) {
        List<Generated> cases = new ArrayList<>();
        for (long seed = 1; cases.size() < GENERATED && seed <= DifferentialLoweringTest.CASES; seed++) {
            RandomSpecNetworks.Case c = RandomSpecNetworks.generate(seed);
            QuantizedGraph q = QuantizedGraphBuilder.build(c.graph(), c.spec());
            IrProgram p;
            try {
                p = new Lowering().lower(q, Tiny443.HEADER, "rnd");
            } catch (UnrepresentableRangeException e) {
                continue;
            }
            if (p.body().size() > MAX_INSTRUCTIONS) {
                continue;
            }
            CostEstimate predicted = CostModel.bundled().estimate(p);
            if (predicted.total().constraints() > MAX_CONSTRAINTS || predicted.srsDegreeLog2() > 16) {
                continue;
            }
            float[][] x = c.inputs(4);
            float[][] rows = {x[0], x[3]};
            // Counted when at least one row runs to completion (an output compared, not only an abort); that the
            // others abort in snarkVM too is asserted with the rest.
            if (Arrays.stream(rows).anyMatch(r -> new IntegerSimulator().run(q, new float[][] {r}).overflow().isClean())) {
                cases.add(new Generated(seed, q, rows, "seed " + seed + ": " + c.description()));
            }
        }
        assertEquals(GENERATED, cases.size(), "generated programs small enough to run");
        // Each program's evaluations run on one thread of its sidecar: two sidecars take turns on the list.
        lanes.forEach(cases, (lane, c) -> assertTrue(run(lane, c.q(), c.rows(), c.what()) > 0, c.what()));
        System.out.println("[differential snarkVM] ran " + cases.stream().map(c -> "seed " + c.seed()).toList());
    }

    /** Runs each row in snarkVM; returns how many ran to completion (the others aborted, as the simulator said). */
    private static int run(SidecarClient client, QuantizedGraph q, float[][] rows, String what) {
        IrProgram ir = new Lowering().lower(q, Tiny443.HEADER, "rnd");
        String program = new AleoPrinter().print(ir).text();
        String inType = ((ArrayType) ir.inputs().get(0).reg().type()).element().aleo();
        int finished = 0;
        for (float[] row : rows) {
            SimulationResult sim = new IntegerSimulator().run(q, new float[][] {row});
            List<String> in = List.of(Tiny443.literal(sim.row(0, 0), inType));
            if (!sim.overflow().isClean()) {
                assertThrows(SidecarException.class, () -> client.evaluateRows(program, "main", List.of(in), java.util.Map.of()),
                        what + ": snarkVM aborts where the simulator reports " + sim.overflow().summary());
                continue;
            }
            List<String> outputs = client.evaluate(program, "main", in);
            if (q.output().argmax()) {
                String it = ir.outputs().get(0).value().type().aleo();
                assertEquals(List.of(sim.predictions()[0] + it), outputs, what);
            } else {
                String type = ((ArrayType) ir.outputs().get(0).value().type()).element().aleo();
                assertEquals(SnarkVmExecutionTest.toList(sim.row(q.outputIndex(), 0)),
                        SnarkVmExecutionTest.parseArray(outputs.get(0), type), what);
            }
            finished++;
        }
        return finished;
    }
}
