package io.zkml.workbench.codegen;

import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.circuit.CostModel;
import io.zkml.workbench.export.CompileSettings;
import io.zkml.workbench.export.CompiledModel;
import io.zkml.workbench.export.CompiledSegment;
import io.zkml.workbench.export.ModelCompiler;
import io.zkml.workbench.export.Partitioning;
import io.zkml.workbench.export.SegmentPrices;
import io.zkml.workbench.quant.LayerQuant;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.QuantSpecJson;
import io.zkml.workbench.quant.QuantizedGraph;
import io.zkml.workbench.quant.QuantizedGraphBuilder;
import io.zkml.workbench.quant.UnrepresentableRangeException;
import io.zkml.workbench.samples.SampleCatalog;
import io.zkml.workbench.session.ModelSession;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The editor recompiles on every bit-width change with one {@link SegmentPrices} for the session, which
 * keeps priced chain candidates and the cost model's states of the one program's last walk:
 * after every change of a sequence, the program it compiles must be exactly the one a fresh compile gives
 * (every segment's IR, Aleo and Leo text byte for byte, cost estimate and limit checks), and the kept states
 * must really have been used (the test would prove nothing if every prefix were refused).
 */
class RecompileExactnessTest {

    private final ModelCompiler compiler = ModelCompiler.standard();
    private final CostModel costs = CostModel.bundled();

    @Test
    void samplesRecompileAsFreshAfterEveryChange() throws Exception {
        // Chains keep their candidates, not a walk, across compiles: SegmentPricesTest holds a chain's change
        // sequence to fresh compiles (digits-cnn under V11), PrefixPricingTest every fashion-cnn candidate.
        for (String sample : List.of("fashion-mlp", "digits-cnn")) {
            ModelSession s = ModelSession.open(SampleCatalog.get(sample).modelPath(Path.of("sample-models")), null);
            QuantSpec spec = s.calibrate();
            SegmentPrices prices = changes(s, spec, 5, CompileSettings.defaults(), sample);
            assertTrue(prices.resumedInstructions() > 1_000, sample + ": only " + prices.resumedInstructions()
                    + " instructions priced from the last compile's states");
        }
    }

    @Test
    void generatedNetworksRecompileAsFreshAfterEveryChange() throws Exception {
        // The generated graphs are compiled as if they were this model's (its file names and hashes the program).
        ModelSession s = ModelSession.open(SampleCatalog.get("iris-tiny").modelPath(Path.of("sample-models")), null);
        long resumed = 0;
        for (long seed : new long[] {3, 8, 13, 21, 34, 55}) {
            RandomSpecNetworks.Case c = RandomSpecNetworks.generate(seed);
            for (Partitioning p : List.of(Partitioning.NONE, new Partitioning(16, List.of()))) {
                SegmentPrices prices = new SegmentPrices();
                QuantSpec spec = c.spec();
                List<String> layers = new ArrayList<>(spec.layers().keySet());
                for (int i = 0; i <= 4; i++) {
                    if (i > 0) {
                        String layer = layers.get((i * 3) % layers.size());
                        LayerQuant q = spec.layer(layer);
                        int bits = q.activationBits() + (i % 2 == 0 ? 1 : -1);
                        if (bits < 2 || bits > 48) {
                            continue;
                        }
                        spec = spec.withLayer(layer, q.withActivationBits(bits));
                    }
                    QuantizedGraph q;
                    try {
                        q = QuantizedGraphBuilder.build(c.graph(), spec);
                    } catch (RuntimeException e) {
                        continue; // a width the builder refuses: no program either way
                    }
                    compareBothWays(s, q, spec, CompileSettings.defaults().withPartitioning(p), prices,
                            "seed " + seed + " " + p + " change " + i + " (" + c.description() + ")");
                }
                resumed += prices.resumedInstructions();
            }
        }
        assertTrue(resumed > 0, "no generated network was priced from a kept state");
    }

    /** Compiles {@code changes} one-layer bit-width changes, layer after layer, both ways; returns the editor's cache. */
    private SegmentPrices changes(ModelSession s, QuantSpec spec, int changes, CompileSettings settings, String what) {
        SegmentPrices prices = new SegmentPrices();
        List<String> layers = new ArrayList<>(spec.layers().keySet());
        compareBothWays(s, QuantizedGraphBuilder.build(s.graph(), spec), spec, settings, prices, what + " as opened");
        for (int i = 0; i < changes; i++) {
            String layer = layers.get(i % layers.size());
            LayerQuant q = spec.layer(layer);
            spec = spec.withLayer(layer, q.withActivationBits(q.activationBits() + ((i / layers.size()) % 2 == 0 ? -1 : 1)));
            compareBothWays(s, QuantizedGraphBuilder.build(s.graph(), spec), spec, settings, prices,
                    what + " change " + i + " (" + layer + ")");
        }
        return prices;
    }

    /** The editor's compile (through {@code prices}) equals a fresh one, or both fail alike. */
    private void compareBothWays(ModelSession s, QuantizedGraph q, QuantSpec spec, CompileSettings settings,
                                 SegmentPrices prices, String what) {
        String json = new QuantSpecJson().toJson(spec);
        CompiledModel cached;
        try {
            cached = compiler.compileWith(s, q, json, settings, null, prices, () -> false);
        } catch (WorkbenchException | UnrepresentableRangeException e) {
            try {
                compiler.compileWith(s, q, json, settings, null, new SegmentPrices(), () -> false);
            } catch (WorkbenchException | UnrepresentableRangeException fresh) {
                assertEquals(fresh.getClass(), e.getClass(), what);
                assertEquals(fresh.getMessage(), e.getMessage(), what);
                return;
            }
            throw new AssertionError(what + ": the editor's compile failed, a fresh one did not", e);
        }
        CompiledModel fresh = compiler.compileWith(s, q, json, settings, null, new SegmentPrices(), () -> false);
        assertEquals(fresh.segments().size(), cached.segments().size(), what + ": programs");
        for (int i = 0; i < fresh.segments().size(); i++) {
            CompiledSegment f = fresh.segments().get(i);
            CompiledSegment c = cached.segments().get(i);
            String seg = what + ", program " + i;
            require(f.program().equals(c.program()), seg + ": IR");
            require(f.aleoText().equals(c.aleoText()), seg + ": Aleo text");
            require(f.leoText().equals(c.leoText()), seg + ": Leo text");
            require(f.aleo().equals(c.aleo()) && f.leo().equals(c.leo()), seg + ": line maps");
            assertEquals(f.cost(), c.cost(), seg + ": cost");
            // A chain's segments take their estimates from the search's candidates, the fresh compile's too.
            assertEquals(costs.estimate(c.program()), c.cost(), seg + ": cost as its program is walked");
            assertEquals(f.limits(), c.limits(), seg + ": limits");
            assertEquals(f.start(), c.start(), seg + ": start");
            assertEquals(f.end(), c.end(), seg + ": end");
        }
        require(fresh.aleoText().equals(cached.aleoText()) && fresh.leoText().equals(cached.leoText()), what + ": texts");
        assertEquals(fresh.cost(), cached.cost(), what + ": cost");
        assertEquals(fresh.limits(), cached.limits(), what + ": limits");
        require(fresh.equals(cached), what + ": compiled model");
    }

    /** Like assertTrue, without printing megabytes of program text when it fails. */
    private static void require(boolean ok, String what) {
        if (!ok) {
            fail(what + " differs from a fresh compile");
        }
    }
}
