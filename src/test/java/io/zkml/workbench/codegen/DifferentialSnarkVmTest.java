package io.zkml.workbench.codegen;

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
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The snarkVM tier of issue #17: the specs that used to fail lowering, and a sample of the
 * differential generator's cases, run in the real snarkVM with outputs bit-equal to the
 * simulator (and abort where the simulator reports an overflow). The generator sample takes the
 * first small programs.
 *
 * <p>What each program costs (issue #15): the two named cases and the first generated program
 * are executed, which synthesizes their keys (tens of seconds each) and checks that the circuit
 * is satisfied. The other generated programs compare outputs through the sidecar's
 * {@code evaluate} (snarkVM's circuit without key synthesis, about a second): that checks every
 * output bit, but not circuit satisfaction, which the executed programs here and in
 * {@code RandomNetworkSnarkVmTest}, {@code NarrowRequantSnarkVmTest} and
 * {@code SnarkVmExecutionTest} hold. Rows the simulator says overflow are always executed: the
 * abort is snarkVM's evaluation of the instructions, before any synthesis, and evaluate would wrap.
 */
@SnarkVm
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DifferentialSnarkVmTest {

    /** Generated programs run in snarkVM: small ones (cheap synthesis on a shared machine). */
    static final int GENERATED = 20;
    /** The first generated programs are executed (synthesis, circuit satisfied); the rest evaluated. */
    static final int EXECUTED_GENERATED = 1;
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
        assertEquals(rows.length, run(f.quantized(), rows, f.name(), Check.EXECUTE));
    }

    /** The 4-128-64-39 network is beyond 2^16; the same structure at 4-4-4-2 runs its Sigmoid logits output. */
    @Test
    void sigmoidMultiLabelNetworkRunsBitEqual() {
        var g = UnloweredSpecs.sigmoidMultiLabel(17, 4, 4, 2);
        QuantSpec spec = UnloweredSpecs.calibrated(g);
        assertEquals(2, run(QuantizedGraphBuilder.build(g, spec), UnloweredSpecs.gaussian(5, 2, 4), "4-4-4-2 sigmoid", Check.EXECUTE));
    }

    @Test
    void generatedNetworksWithRandomSpecsRunBitEqual() {
        int ran = 0;
        List<String> done = new ArrayList<>();
        for (long seed = 1; ran < GENERATED && seed <= DifferentialLoweringTest.CASES; seed++) {
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
            Check check = ran < EXECUTED_GENERATED ? Check.EXECUTE : Check.EVALUATE;
            if (run(q, new float[][] {x[0], x[3]}, "seed " + seed + ": " + c.description(), check) > 0) {
                // Counted when at least one row ran to completion: an output compared, not only an abort.
                done.add("seed " + seed);
                ran++;
            }
        }
        System.out.println("[differential snarkVM] ran " + done);
        assertEquals(GENERATED, ran);
    }

    /** How an in-range row's outputs are obtained from snarkVM. */
    private enum Check {
        /** Key synthesis, the circuit satisfied, the outputs. */
        EXECUTE,
        /** The circuit's outputs only, no synthesis. */
        EVALUATE
    }

    /** Runs each row in snarkVM; returns how many ran to completion (the others aborted, as the simulator said). */
    private int run(QuantizedGraph q, float[][] rows, String what, Check check) {
        IrProgram ir = new Lowering().lower(q, Tiny443.HEADER, "rnd");
        String program = new AleoPrinter().print(ir).text();
        String inType = ((ArrayType) ir.inputs().get(0).reg().type()).element().aleo();
        int finished = 0;
        for (float[] row : rows) {
            SimulationResult sim = new IntegerSimulator().run(q, new float[][] {row});
            List<String> in = List.of(Tiny443.literal(sim.row(0, 0), inType));
            if (!sim.overflow().isClean()) {
                assertThrows(SidecarException.class, () -> client.execute(program, "main", in),
                        what + ": snarkVM aborts where the simulator reports " + sim.overflow().summary());
                continue;
            }
            List<String> outputs = check == Check.EXECUTE
                    ? client.execute(program, "main", in).outputs()
                    : client.evaluate(program, "main", in);
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
