package io.zkml.workbench.ui;

import io.zkml.workbench.export.CompileSettings;
import io.zkml.workbench.export.ModelCompiler;
import io.zkml.workbench.export.Partitioning;
import io.zkml.workbench.export.SegmentPrices;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.session.ModelSession;
import io.zkml.workbench.ui.code.GeneratedCode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The kept programs: found by what they were compiled from, weighed by their instructions, least recent out first. */
class RecentProgramsTest {

    @Test
    void programsAreKeptByTheirInputsWithinAnInstructionBudget() throws Exception {
        ModelCompiler compiler = ModelCompiler.standard();
        ModelSession session = ModelSession.open(Path.of("sample-models", "iris-tiny.zip"), null);
        QuantSpec spec = session.calibrate();
        CompileSettings one = CompileSettings.defaults();
        CompileSettings chain = one.withPartitioning(new Partitioning(null, List.of("layer0")));
        GeneratedCode whole = GeneratedCode.generate(compiler, session, spec, one, null, new SegmentPrices(), () -> false);
        GeneratedCode split = GeneratedCode.generate(compiler, session, spec, chain, null, new SegmentPrices(), () -> false);
        int wholeSize = RecentPrograms.instructions(whole);
        int splitSize = RecentPrograms.instructions(split);
        assertEquals(whole.compiled().segments().get(0).instructions(), wholeSize);
        assertEquals(split.compiled().segments().get(0).instructions() + split.compiled().segments().get(1).instructions(),
                splitSize, "a chain weighs all its programs");

        record Key(QuantSpec spec, CompileSettings settings) {
        }
        // Room for both, not for a third program as large as the chain.
        RecentPrograms<Key> recent = new RecentPrograms<>(wholeSize + splitSize);
        recent.put(new Key(spec, one), whole);
        recent.put(new Key(spec, chain), split);
        assertSame(whole, recent.get(new Key(spec, one)), "found by equal inputs, not the same key object");
        assertSame(split, recent.get(new Key(spec, chain)));
        assertNull(recent.get(new Key(spec.withLayer("layer0", spec.layer("layer0").withActivationBits(12)), one)));

        recent.get(new Key(spec, one)); // the whole program is now the more recently used
        QuantSpec other = spec.withLayer("layer0", spec.layer("layer0").withActivationBits(12));
        recent.put(new Key(other, chain), split);
        assertNull(recent.get(new Key(spec, chain)), "the least recently used goes when the budget is exceeded");
        assertSame(whole, recent.get(new Key(spec, one)));
        assertSame(split, recent.get(new Key(other, chain)));

        recent.clear();
        assertEquals(0, recent.size());
    }
}
