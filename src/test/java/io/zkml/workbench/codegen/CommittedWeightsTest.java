package io.zkml.workbench.codegen;

import io.zkml.workbench.quant.Domain;
import io.zkml.workbench.quant.IntegerSimulator;
import io.zkml.workbench.quant.OutputMode;
import io.zkml.workbench.quant.Producer;
import io.zkml.workbench.quant.QuantizedGraph;
import io.zkml.workbench.quant.QuantizedLayer;
import io.zkml.workbench.quant.SimulationResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Private weights through the IR interpreter, with SHA-256 standing in for Poseidon (the
 * wiring, not the hash, is under test here; RandomNetworkSnarkVmTest's sibling
 * CommittedWeightsSnarkVmTest uses the real one).
 */
class CommittedWeightsTest {

    static final UnaryOperator<String> FAKE_PSD2 = text -> {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return new BigInteger(1, d).mod(ScalarType.FIELD_MODULUS) + "field";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    };

    @ParameterizedTest
    @EnumSource(value = Domain.class, names = {"FIELD", "I32"})
    void committedProgramComputesTheSimulatorsOutputAndTheCommitment(Domain domain) {
        for (long seed = 1; seed <= 3; seed++) {
            QuantizedGraph q = Tiny443.quantized(seed, domain, OutputMode.LOGITS);
            CommittedWeights cw = CommittedWeights.of(q);
            IrProgram p = new Lowering().lower(q, Tiny443.HEADER, "m", WeightsMode.PRIVATE_COMMITTED, null);
            String expected = cw.commitment(FAKE_PSD2);
            SimulationResult sim = new IntegerSimulator().run(q, Tiny443.inputs(seed, 300));
            for (int s = 0; s < 300; s++) {
                List<Object> out = new IrInterpreter(FAKE_PSD2).run(p, inputs(sim.row(0, s), cw));
                assertEquals(Tiny443.row(sim.row(q.outputIndex(), s)), out.get(0), "sample " + s);
                assertEquals(expected, out.get(1) + "field");
            }
        }
    }

    @Test
    void randomNetworksWithPrivateWeightsMatchTheSimulator() {
        for (long seed = 100; seed < 130; seed++) {
            RandomNetworks.Net net = RandomNetworks.generate(seed);
            QuantizedGraph q = net.quantized();
            CommittedWeights cw = CommittedWeights.of(q);
            IrProgram p = new Lowering().lower(q, Tiny443.HEADER, "m", WeightsMode.PRIVATE_COMMITTED, null);
            SimulationResult sim = new IntegerSimulator().run(q, net.inputs(seed, 50));
            for (int s = 0; s < 50; s++) {
                List<Object> out = new IrInterpreter(FAKE_PSD2).run(p, inputs(sim.row(0, s), cw));
                Object expected = q.output().argmax() ? BigInteger.valueOf(sim.predictions()[s])
                        : Tiny443.row(sim.row(q.outputIndex(), s));
                assertEquals(expected, out.get(0), net.description() + " sample " + s);
            }
        }
    }

    @Test
    void aChangedWeightChangesTheCommitmentAndFailsThePinnedProgram() {
        QuantizedGraph q = Tiny443.quantized(1, Domain.FIELD, OutputMode.ARGMAX);
        CommittedWeights cw = CommittedWeights.of(q);
        String c = cw.commitment(FAKE_PSD2);
        QuantizedGraph changed = withFirstWeightPlusOne(q);
        CommittedWeights other = CommittedWeights.of(changed);
        assertNotEquals(c, other.commitment(FAKE_PSD2));

        IrProgram pinned = new Lowering().lower(q, Tiny443.HEADER, "m", WeightsMode.PINNED, c);
        long[] x = new IntegerSimulator().run(q, Tiny443.inputs(3, 1)).row(0, 0);
        new IrInterpreter(FAKE_PSD2).run(pinned, inputs(x, cw));
        assertThrows(IrInterpreter.Abort.class, () -> new IrInterpreter(FAKE_PSD2).run(pinned, inputs(x, other)));
    }

    @Test
    void pinnedProgramPrintsTheSameAssertionInAleoAndLeoAndHasNoPublicCommitment() {
        QuantizedGraph q = Tiny443.quantized(1, Domain.FIELD, OutputMode.ARGMAX);
        String c = CommittedWeights.of(q).commitment(FAKE_PSD2);
        IrProgram p = new Lowering().lower(q, Tiny443.HEADER, "m", WeightsMode.PINNED, c);
        assertEquals(1, p.outputs().size(), "only the class is public");
        String aleo = new AleoPrinter().print(p).text();
        String leo = new LeoPrinter().print(p).text();
        org.junit.jupiter.api.Assertions.assertTrue(aleo.contains("assert.eq r")
                && AleoPrinter.canonicalFieldLiterals(aleo).contains(" " + c + ";"), aleo); // c may print as -Nfield
        org.junit.jupiter.api.Assertions.assertTrue(leo.contains("assert_eq(")
                && AleoPrinter.canonicalFieldLiterals(leo).contains(c + ");"), leo);
        assertThrows(IllegalArgumentException.class,
                () -> new Lowering().lower(q, Tiny443.HEADER, "m", WeightsMode.PINNED, null));
    }

    static QuantizedGraph withFirstWeightPlusOne(QuantizedGraph q) {
        List<QuantizedLayer> layers = new ArrayList<>(q.layers());
        for (int i = 0; i < layers.size(); i++) {
            QuantizedLayer l = layers.get(i);
            if (l.producer() instanceof Producer.Dense d) {
                long[] w = d.weights().clone();
                w[0] += 1;
                layers.set(i, new QuantizedLayer(l.name(), l.inputs(), l.shape(),
                        new Producer.Dense(d.nIn(), d.nOut(), w, d.bias(), d.domain()), l.steps(), l.fracBits(),
                        l.bits(), l.accBound(), l.argmax()));
                break;
            }
        }
        return new QuantizedGraph(q.modelName(), layers, q.outputIndex(), q.parameterIssues());
    }

    static List<Object> inputs(long[] x, CommittedWeights cw) {
        List<Object> in = new ArrayList<>();
        in.add(Tiny443.row(x));
        for (CommittedWeights.Chunk c : cw.chunks()) {
            in.add(Tiny443.row(c.values()));
        }
        return in;
    }
}
