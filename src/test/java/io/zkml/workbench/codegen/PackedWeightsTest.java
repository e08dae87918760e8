package io.zkml.workbench.codegen;

import io.zkml.workbench.quant.Domain;
import io.zkml.workbench.quant.IntegerSimulator;
import io.zkml.workbench.quant.OutputMode;
import io.zkml.workbench.quant.QuantizedGraph;
import io.zkml.workbench.quant.SimulationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BinaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packed, salted committed-weights encoding through the IR interpreter (SHA-256 stands in for
 * Poseidon: the wiring is under test; CommittedPipelineTest and CommittedIrisSnarkVmTest run snarkVM).
 */
class PackedWeightsTest {

    static final BinaryOperator<String> FAKE_HASH = (algorithm, text) ->
            CommittedWeightsTest.FAKE_PSD2.apply(algorithm + ":" + text);
    static final WeightsSalt SALT = WeightsSalt.parse("0123456789abcdef0123456789abcdef");

    @ParameterizedTest
    @EnumSource(value = Domain.class, names = {"FIELD", "I32"})
    void packedProgramComputesTheSimulatorsOutputAndTheSaltedCommitment(Domain domain) {
        for (long seed = 1; seed <= 3; seed++) {
            QuantizedGraph q = Tiny443.quantized(seed, domain, OutputMode.LOGITS);
            PackedWeights pw = PackedWeights.of(q);
            IrProgram p = new Lowering().lower(q, Tiny443.HEADER, "m", WeightsMode.PRIVATE_COMMITTED,
                    CommitmentScheme.PACKED_PSD8, null);
            assertEquals(2, p.inputs().size(), "data and one packed weights array");
            String expected = pw.commitment(SALT, FAKE_HASH);
            SimulationResult sim = new IntegerSimulator().run(q, Tiny443.inputs(seed, 200));
            for (int s = 0; s < 200; s++) {
                List<Object> out = IrInterpreter.withHash(FAKE_HASH).run(p, inputs(sim.row(0, s), pw, SALT));
                assertEquals(Tiny443.row(sim.row(q.outputIndex(), s)), out.get(0), "sample " + s);
                assertEquals(expected, out.get(1) + "field");
            }
        }
    }

    @Test
    void randomNetworksWithPackedWeightsMatchTheSimulator() {
        for (long seed = 100; seed < 130; seed++) {
            RandomNetworks.Net net = RandomNetworks.generate(seed);
            QuantizedGraph q = net.quantized();
            PackedWeights pw = PackedWeights.of(q);
            IrProgram p = new Lowering().lower(q, Tiny443.HEADER, "m", WeightsMode.PRIVATE_COMMITTED,
                    CommitmentScheme.PACKED_PSD8, null);
            SimulationResult sim = new IntegerSimulator().run(q, net.inputs(seed, 40));
            for (int s = 0; s < 40; s++) {
                List<Object> out = IrInterpreter.withHash(FAKE_HASH).run(p, inputs(sim.row(0, s), pw, SALT));
                Object expected = q.output().argmax() ? BigInteger.valueOf(sim.predictions()[s])
                        : Tiny443.row(sim.row(q.outputIndex(), s));
                assertEquals(expected, out.get(0), net.description() + " sample " + s);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Domain.class, names = {"FIELD", "I32"})
    void sharedInputProgramComputesTheSimulatorsOutputAndTheSameCommitment(Domain domain) {
        for (long seed = 1; seed <= 3; seed++) {
            QuantizedGraph q = Tiny443.quantized(seed, domain, OutputMode.LOGITS);
            PackedInput pi = PackedInput.of(q);
            IrProgram p = new Lowering().lower(q, Tiny443.HEADER, "m", WeightsMode.PRIVATE_COMMITTED,
                    CommitmentScheme.PACKED_SHARED_PSD8, null);
            assertEquals(1, p.inputs().size(), "one array: salt, weights, data");
            assertEquals(pi.type(), p.inputs().get(0).reg().type());
            // Scheme /2 commits to what /1 committed to: an auditor needs the model and salt, not the data.
            String expected = pi.weights().commitment(SALT, FAKE_HASH);
            SimulationResult sim = new IntegerSimulator().run(q, Tiny443.inputs(seed, 200));
            for (int s = 0; s < 200; s++) {
                List<Object> in = List.of(List.copyOf(Arrays.asList(pi.elements(SALT, sim.row(0, s)))));
                List<Object> out = IrInterpreter.withHash(FAKE_HASH).run(p, in);
                assertEquals(Tiny443.row(sim.row(q.outputIndex(), s)), out.get(0), "sample " + s);
                assertEquals(expected, out.get(1) + "field");
            }
        }
    }

    @Test
    void randomNetworksWithSharedInputMatchTheSimulator() {
        for (long seed = 100; seed < 130; seed++) {
            RandomNetworks.Net net = RandomNetworks.generate(seed);
            QuantizedGraph q = net.quantized();
            PackedInput pi = PackedInput.of(q);
            IrProgram p = new Lowering().lower(q, Tiny443.HEADER, "m", WeightsMode.PINNED,
                    CommitmentScheme.PACKED_SHARED_PSD8, pi.weights().commitment(SALT, FAKE_HASH));
            SimulationResult sim = new IntegerSimulator().run(q, net.inputs(seed, 40));
            for (int s = 0; s < 40; s++) {
                long[] x = sim.row(0, s);
                List<Object> out = IrInterpreter.withHash(FAKE_HASH).run(p, List.of(List.copyOf(Arrays.asList(pi.elements(SALT, x)))));
                Object expected = q.output().argmax() ? BigInteger.valueOf(sim.predictions()[s])
                        : Tiny443.row(sim.row(q.outputIndex(), s));
                assertEquals(expected, out.get(0), net.description() + " sample " + s);
                PackedInput changed = PackedInput.of(CommittedWeightsTest.withFirstWeightPlusOne(q));
                assertThrows(IrInterpreter.Abort.class, () -> IrInterpreter.withHash(FAKE_HASH)
                        .run(p, List.of(List.copyOf(Arrays.asList(changed.elements(SALT, x))))), "a changed weight halts");
            }
        }
    }

    @Test
    void dataValuesUnpackAfterTheWeightsAndOutOfRangeDataIsRefused() {
        QuantizedGraph q = RandomNetworks.generate(117).quantized();
        PackedInput pi = PackedInput.of(q);
        long[] x = new long[pi.dataValues()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 2 == 0 ? -1 : 1) * (i * 977L % (1L << (pi.dataWidth() - 1)));
        }
        BigInteger[] e = pi.elements(SALT, x);
        assertEquals(List.of(pi.weights().elements(SALT)), List.of(Arrays.copyOf(e, pi.committedElements())));
        for (int i = 0; i < x.length; i++) {
            PackedWeights.Slot s = pi.data(i);
            assertTrue(s.element() >= pi.committedElements() && s.shift() + s.width() <= 128, s.toString());
            BigInteger bits = e[s.element()].shiftRight(s.shift()).and(BigInteger.ONE.shiftLeft(s.width()).subtract(BigInteger.ONE));
            long v = bits.testBit(s.width() - 1) ? bits.subtract(BigInteger.ONE.shiftLeft(s.width())).longValueExact()
                    : bits.longValueExact();
            assertEquals(x[i], v, "value " + i);
        }
        x[0] = 1L << (pi.dataWidth() - 1);
        assertThrows(IllegalArgumentException.class, () -> pi.elements(SALT, x));
    }

    @Test
    void everyParameterUnpacksToItsValue() {
        QuantizedGraph q = RandomNetworks.generate(117).quantized();
        PackedWeights pw = PackedWeights.of(q);
        BigInteger[] e = pw.elements(SALT);
        assertEquals(SALT.value(), e[0], "element 0 is the salt");
        int checked = 0;
        for (int gi = 0; gi < pw.values().length; gi++) {
            PackedWeights.Slot[] slots = (gi % 2 == 0 ? pw.weightSlots() : pw.biasSlots()).get(gi / 2);
            for (int i = 0; i < slots.length; i++) {
                PackedWeights.Slot s = slots[i];
                assertTrue(s.shift() + s.width() <= 128 && s.element() >= 1, s.toString());
                BigInteger bits = e[s.element()].shiftRight(s.shift()).and(BigInteger.ONE.shiftLeft(s.width()).subtract(BigInteger.ONE));
                long v = bits.testBit(s.width() - 1) ? bits.subtract(BigInteger.ONE.shiftLeft(s.width())).longValueExact()
                        : bits.longValueExact();
                assertEquals(pw.values()[gi][i], v);
                checked++;
            }
        }
        assertEquals(pw.parameters(), checked);
    }

    @Test
    void theSaltHidesAndAChangedWeightBreaksThePinnedProgram() {
        QuantizedGraph q = Tiny443.quantized(1, Domain.FIELD, OutputMode.ARGMAX);
        PackedWeights pw = PackedWeights.of(q);
        String c = pw.commitment(SALT, FAKE_HASH);
        assertNotEquals(c, pw.commitment(WeightsSalt.parse("1"), FAKE_HASH), "another salt, another commitment");
        PackedWeights other = PackedWeights.of(CommittedWeightsTest.withFirstWeightPlusOne(q));
        assertNotEquals(c, other.commitment(SALT, FAKE_HASH));

        IrProgram pinned = new Lowering().lower(q, Tiny443.HEADER, "m", WeightsMode.PINNED, CommitmentScheme.PACKED_PSD8, c);
        assertEquals(1, pinned.outputs().size(), "only the class is public");
        long[] x = new IntegerSimulator().run(q, Tiny443.inputs(3, 1)).row(0, 0);
        IrInterpreter.withHash(FAKE_HASH).run(pinned, inputs(x, pw, SALT));
        assertThrows(IrInterpreter.Abort.class, () -> IrInterpreter.withHash(FAKE_HASH).run(pinned, inputs(x, other, SALT)));
        assertThrows(IrInterpreter.Abort.class,
                () -> IrInterpreter.withHash(FAKE_HASH).run(pinned, inputs(x, pw, WeightsSalt.parse("2"))));
        String aleo = new AleoPrinter().print(pinned).text();
        String leo = new LeoPrinter().print(pinned).text();
        assertTrue(aleo.contains("hash.psd8 r1 into ")
                && AleoPrinter.canonicalFieldLiterals(aleo).contains(" " + c + ";"), aleo); // c may print as -Nfield
        assertTrue(leo.contains("Poseidon8::hash_to_field(")
                && AleoPrinter.canonicalFieldLiterals(leo).contains(c + ");"), leo);
    }

    @Test
    void saltsAreHexOf128Bits() {
        assertEquals("0123456789abcdef0123456789abcdef", SALT.hex());
        assertEquals(SALT, WeightsSalt.parse("0x" + SALT.hex()));
        assertThrows(IllegalArgumentException.class, () -> WeightsSalt.parse("xyz"));
        assertThrows(IllegalArgumentException.class, () -> WeightsSalt.parse("1".repeat(33)));
        assertNotEquals(WeightsSalt.random(), WeightsSalt.random());
    }

    @Test
    void schemesAreRecognisedByTheirRecordedNames() {
        assertEquals(CommitmentScheme.ARRAYS_PSD2, CommitmentScheme.ofRecorded(null));
        assertEquals(CommitmentScheme.ARRAYS_PSD2, CommitmentScheme.ofRecorded(CommittedWeights.SCHEME + " (public output)"));
        assertEquals(CommitmentScheme.PACKED_PSD8, CommitmentScheme.ofRecorded(PackedWeights.SCHEME + " (compiled-in constant)"));
        assertEquals(CommitmentScheme.PACKED_SHARED_PSD8, CommitmentScheme.ofRecorded(PackedInput.SCHEME + " (public output)"));
        assertEquals(null, CommitmentScheme.ofRecorded("something newer"));
    }

    static List<Object> inputs(long[] x, PackedWeights pw, WeightsSalt salt) {
        List<Object> in = new ArrayList<>();
        in.add(Tiny443.row(x));
        in.add(List.copyOf(Arrays.asList(pw.elements(salt))));
        return in;
    }
}
