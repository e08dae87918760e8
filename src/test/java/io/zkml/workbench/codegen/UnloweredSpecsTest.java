package io.zkml.workbench.codegen;

import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.quant.Approximation;
import io.zkml.workbench.quant.Domain;
import io.zkml.workbench.quant.IntegerSimulator;
import io.zkml.workbench.quant.LayerQuant;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.QuantizedGraph;
import io.zkml.workbench.quant.QuantizedGraphBuilder;
import io.zkml.workbench.quant.SimulationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #17 item 1: the specs that failed with "-N does not fit u32" lower, and the program computes
 * exactly what the simulator computes on every row (IR interpreter; the snarkVM tier runs them too).
 */
class UnloweredSpecsTest {

    @Test
    void irisTinyWithNarrowHiddenLayerAndLogitsLowersAndMatches() throws Exception {
        UnloweredSpecs.Fixture f = UnloweredSpecs.irisTinyNarrowLogits();
        assertMatches(f.quantized(), f.inputs());
    }

    /** The third-party 4-128-64-39 Sigmoid multi-label network on its default calibration and the reported variants. */
    @ParameterizedTest
    @ValueSource(strings = {"default", "poly3", "bits32", "i32"})
    void sigmoidMultiLabelNetworkLowersAndMatches(String variant) {
        ModelGraph g = UnloweredSpecs.sigmoidMultiLabel(17, 128, 64, 39);
        QuantSpec spec = UnloweredSpecs.calibrated(g);
        UnaryOperator<LayerQuant> change = switch (variant) {
            case "poly3" -> q -> q.withApproximation(Approximation.poly(3));
            case "bits32" -> q -> q.withActivationBits(32);
            case "i32" -> q -> q.withDomain(Domain.I32);
            default -> q -> q;
        };
        for (String layer : List.of("layer0", "layer1", "layer2")) {
            spec = spec.withLayer(layer, change.apply(spec.layer(layer)));
        }
        assertMatches(QuantizedGraphBuilder.build(g, spec), UnloweredSpecs.gaussian(5, 60, 4));
    }

    static void assertMatches(QuantizedGraph q, float[][] x) {
        IrProgram p = new Lowering().lower(q, Tiny443.HEADER, "fixture");
        SimulationResult sim = new IntegerSimulator().run(q, x);
        assertTrue(sim.overflow().isClean(), sim.overflow().summary());
        for (int s = 0; s < x.length; s++) {
            Object out = new IrInterpreter().run(p, List.of(Tiny443.row(sim.row(0, s)))).get(0);
            Object expected = q.output().argmax() ? java.math.BigInteger.valueOf(sim.predictions()[s])
                    : Tiny443.row(sim.row(q.outputIndex(), s));
            assertEquals(expected, out, "row " + s);
        }
    }
}
