package io.zkml.workbench.export;

import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.circuit.ConsensusVersion;
import io.zkml.workbench.circuit.CostEstimate;
import io.zkml.workbench.circuit.CostModel;
import io.zkml.workbench.circuit.LimitCheck;
import io.zkml.workbench.codegen.ProgramHeader;
import io.zkml.workbench.quant.QuantizedGraph;
import io.zkml.workbench.quant.QuantizedGraphBuilder;
import io.zkml.workbench.quant.LayerQuant;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.QuantSpecJson;
import io.zkml.workbench.samples.SampleCatalog;
import io.zkml.workbench.session.ModelSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An editor's recompiles reuse the automatic chain's priced candidates (digits-cnn under V11,
 * whose one program is over the size limit): the same spec again prices nothing, a change to the last
 * layer re-prices only the candidates holding it and takes the chain's segments before it as they were,
 * and either way the chain is the one a compile from nothing makes, text for text. A compile whose result
 * is no longer wanted stops.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SegmentPricesTest {

    private final ModelCompiler compiler = ModelCompiler.standard();
    private final CompileSettings v11 = CompileSettings.defaults().withConsensus(ConsensusVersion.V11);
    private ModelSession session;
    private QuantSpec spec;

    @BeforeAll
    void open() throws Exception {
        session = ModelSession.open(SampleCatalog.get("digits-cnn").modelPath(Path.of("sample-models")), null);
        spec = session.calibrate();
    }

    private CompiledModel compile(QuantSpec s, SegmentPrices prices) {
        return compiler.compileWith(session, s, new QuantSpecJson().toJson(s), v11, null, prices, () -> false);
    }

    private static List<String> texts(CompiledModel m) {
        List<String> out = new ArrayList<>();
        m.segments().forEach(s -> out.add(s.aleoText() + s.leoText()));
        return out;
    }

    @Test
    void onlyTheCandidatesAChangeTouchesArePricedAgain() {
        SegmentPrices prices = new SegmentPrices();
        CompiledModel first = compile(spec, prices);
        assertTrue(first.isChain(), "the one program is over V11's size limit");
        long priced = prices.hitsAndMisses()[1];
        assertTrue(priced > 1, "the search priced its candidates: " + priced);

        CompiledModel again = compile(spec, prices);
        assertEquals(texts(first), texts(again));
        assertEquals(priced, prices.hitsAndMisses()[1], "the same spec prices no candidate again");

        String last = new ArrayList<>(spec.layers().keySet()).get(spec.layers().size() - 1);
        LayerQuant q = spec.layer(last);
        QuantSpec changed = spec.withLayer(last, q.withWeightFracBits(q.weightFracBits() - 1));
        CompiledModel cached = compile(changed, prices);
        long repriced = prices.hitsAndMisses()[1] - priced;
        assertTrue(repriced > 0 && repriced < priced, "re-priced " + repriced + " of " + priced);
        assertEquals(texts(compile(changed, new SegmentPrices())), texts(cached),
                "the cached search chooses the chain a search from nothing does");
    }

    /**
     * Everything a compile shows of its programs: each one's cut points, texts, cost and limit checks. Each
     * segment's cost is checked to be its program's as the cost model walks it: a chain takes its segments'
     * estimates from the search's candidates, so a fresh compile alone would not catch one that differs.
     */
    private static List<Object> everything(CompiledModel m) {
        List<Object> out = new ArrayList<>(List.of(m.cost(), m.limits()));
        for (CompiledSegment s : m.segments()) {
            assertEquals(CostModel.bundled().estimate(s.program()), s.cost(), "program " + s.index() + " as walked");
            out.addAll(List.of(s.program(), s.start(), s.end(), s.aleoText(), s.leoText(), s.cost(), s.limits()));
        }
        return out;
    }

    @Test
    void aSequenceOfChangesThroughTheCacheCompilesWhatAFreshCompileDoes() {
        SegmentPrices prices = new SegmentPrices();
        List<String> layers = new ArrayList<>(spec.layers().keySet());
        QuantSpec s = spec;
        assertTrue(compile(s, prices).isChain());
        // Every layer's activation bits down, then the first and last layers' weights, as an editor would.
        for (String layer : layers) {
            LayerQuant q = s.layer(layer);
            s = s.withLayer(layer, q.withActivationBits(q.activationBits() - 1));
            CompiledModel cached = compile(s, prices);
            assertTrue(prices.anyChainedLastTime(), "the next compile may skip printing the one program");
            assertEquals(everything(compile(s, new SegmentPrices())), everything(cached), "after " + layer);
        }
        for (String layer : List.of(layers.get(0), layers.get(layers.size() - 1))) {
            LayerQuant q = s.layer(layer);
            s = s.withLayer(layer, q.withWeightFracBits(q.weightFracBits() - 1));
        }
        assertEquals(everything(compile(s, new SegmentPrices())), everything(compile(s, prices)));
        assertTrue(prices.keptSegments() > 0, "a change to a later layer took the segments before it as they were");
    }

    /**
     * A change the code generator cannot lower, made after a compile the compiler cut: the cached search
     * lowers the layers as candidates (not the one program), and refuses the model with the very words a
     * compile from nothing uses.
     */
    @Test
    void aChangeThatCannotBeLoweredIsRefusedAsAFreshCompileRefusesIt() {
        SegmentPrices prices = new SegmentPrices();
        assertTrue(compile(spec, prices).isChain());
        String first = spec.layers().keySet().iterator().next();
        QuantSpec narrow = spec.withLayer(first, spec.layer(first).withDomain(io.zkml.workbench.quant.Domain.I8));
        WorkbenchException fresh = assertThrows(WorkbenchException.class, () -> compile(narrow, new SegmentPrices()));
        WorkbenchException cached = assertThrows(WorkbenchException.class, () -> compile(narrow, prices));
        assertTrue(fresh.getMessage().contains("cannot be lowered to Aleo"), fresh.getMessage());
        assertEquals(fresh.getMessage(), cached.getMessage());
    }

    /**
     * A search leaves a candidate over a limit of its program text unpriced unless it needs the candidate whole (the
     * shortest from a start, whose failures it reports when no chain fits); a later search that needs that candidate
     * whole prices it then instead of taking the unpriced entry, and one that does not takes the entry as it is.
     */
    @Test
    void aCandidateLeftUnpricedIsPricedAgainWhenNeededWhole() {
        SegmentPrices prices = new SegmentPrices();
        QuantizedGraph g = QuantizedGraphBuilder.build(session.graph(), spec);
        ProgramHeader header = new ProgramHeader("digits-cnn.zip", "0".repeat(64), "0".repeat(64), "test");
        SegmentPrices.View view = prices.view(g, io.zkml.workbench.circuit.AleoLimits.at(ConsensusVersion.V11), CostModel.bundled(), header);
        LimitCheck size = new LimitCheck("MAX_PROGRAM_SIZE", 100, 200, "program size", "test");
        AtomicInteger lowered = new AtomicInteger();
        CostEstimate estimate = CostModel.bundled().estimate(compile(spec, new SegmentPrices()).segments().get(0).program());
        SegmentPrices.Priced unpriced = new SegmentPrices.Priced(null, List.of(size), null);
        SegmentPrices.Priced whole = new SegmentPrices.Priced(estimate, List.of(size), null);

        assertEquals(unpriced, view.price("a", "b", 0, 2, false, () -> { lowered.incrementAndGet(); return unpriced; }));
        assertEquals(unpriced, view.price("a", "b", 0, 2, false, () -> { lowered.incrementAndGet(); return whole; }));
        assertEquals(1, lowered.get(), "taken as it is by a search that need not have it whole");
        assertEquals(whole, view.price("a", "b", 0, 2, true, () -> { lowered.incrementAndGet(); return whole; }));
        assertEquals(2, lowered.get(), "priced again for a search that needs it whole");
        assertEquals(whole, view.price("a", "b", 0, 2, true, () -> { lowered.incrementAndGet(); return whole; }));
        assertEquals(2, lowered.get(), "then kept");
        assertEquals(1, prices.unpriced());
    }

    @Test
    void aSupersededCompileStops() {
        AtomicInteger asked = new AtomicInteger();
        assertThrows(CancellationException.class, () -> compiler.compileWith(session, spec,
                new QuantSpecJson().toJson(spec), v11, null, new SegmentPrices(), () -> asked.incrementAndGet() > 2));
        assertTrue(asked.get() > 2, "stopped at a check inside the compile, not before it");
    }
}
