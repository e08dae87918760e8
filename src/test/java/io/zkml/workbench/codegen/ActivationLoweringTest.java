package io.zkml.workbench.codegen;

import io.zkml.workbench.graph.Activation;
import io.zkml.workbench.quant.Approximation;
import io.zkml.workbench.quant.IntegerSimulator;
import io.zkml.workbench.quant.QuantizedGraph;
import io.zkml.workbench.quant.SimulationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigInteger;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pools and every non-ReLU activation: the lowered program run by the IR interpreter gives the
 * simulator's outputs bit for bit on random inputs (wide ones, so clamps and every segment of a
 * piecewise-linear activation are reached).
 */
class ActivationLoweringTest {

    private static final int SAMPLES = 1000;

    static List<Activation> activations() {
        return RandomNetworks.ACTIVATIONS;
    }

    @ParameterizedTest
    @MethodSource("activations")
    void poolAndActivationMatchSimulator(Activation a) {
        for (long seed = 1; seed <= 3; seed++) {
            RandomNetworks.Net net = RandomNetworks.withPoolAnd(seed, a);
            assertMatches(net, SAMPLES);
        }
    }

    /**
     * Polynomial Sigmoid and Tanh of degrees 1 to 7, after a MaxPool and a convolution: Horner in
     * the field with one checked cast per rescaling, bit for bit the simulator's result.
     */
    @ParameterizedTest
    @MethodSource("polynomialActivations")
    void polynomialActivationsMatchSimulator(Activation a) {
        for (int degree = 1; degree <= 7; degree++) {
            RandomNetworks.Net net = RandomNetworks.withPoolAnd(degree, a, Approximation.poly(degree));
            assertMatches(net, SAMPLES);
        }
    }

    static List<Activation> polynomialActivations() {
        return List.of(Activation.SIGMOID, Activation.TANH);
    }

    /** Many random networks (Dense/Conv2D/pools/activations), checked through the interpreter only. */
    @Test
    void randomNetworksMatchSimulator() {
        for (long seed = 100; seed < 160; seed++) {
            assertMatches(RandomNetworks.generate(seed), 200);
        }
    }

    static void assertMatches(RandomNetworks.Net net, int samples) {
        QuantizedGraph q = net.quantized();
        IrProgram p = new Lowering().lower(q, Tiny443.HEADER, "rnd");
        float[][] x = net.inputs(net.seed() * 17 + 3, samples);
        for (float[] row : x) {
            for (int i = 0; i < row.length; i++) {
                row[i] *= 1 + (i % 3) * 3; // reach the saturating ends too
            }
        }
        SimulationResult sim = new IntegerSimulator().run(q, x);
        assertTrue(sim.overflow().isClean(), net.description() + ": " + sim.overflow().summary());
        for (int s = 0; s < samples; s++) {
            List<Object> out = new IrInterpreter().run(p, List.of(Tiny443.row(sim.row(0, s))));
            Object expected = q.output().argmax() ? BigInteger.valueOf(sim.predictions()[s])
                    : Tiny443.row(sim.row(q.outputIndex(), s));
            assertEquals(expected, out.get(0), "seed " + net.seed() + net.description() + ", sample " + s);
        }
    }
}
