package io.zkml.workbench.export;

import io.zkml.workbench.circuit.LimitCheck;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.QuantSpecJson;
import io.zkml.workbench.samples.SampleCatalog;
import io.zkml.workbench.session.ModelSession;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Fashion-MNIST samples against every Aleo limit, as the compiler chooses by itself (issue #13):
 * functions over the instruction cap become closures, and a program over the size limit is cut
 * into a chain where a cut can bring it under.
 */
class FashionLimitsTest {

    private static CompiledModel compile(String sample) throws Exception {
        ModelSession s = ModelSession.open(SampleCatalog.get(sample).modelPath(Path.of("sample-models")), null);
        QuantSpec spec = s.calibrate();
        return ModelCompiler.standard().compile(s, spec, new QuantSpecJson().toJson(spec));
    }

    private static List<LimitCheck> failed(CompiledModel m) {
        return m.segments().stream().flatMap(seg -> seg.limits().stream()).filter(c -> !c.passed())
                .filter(c -> !OfflineSrs.isOfflineSrs(c.limit())).toList();
    }

    @Test
    void fashionMlpExportsWithinEveryLimitAsClosuresOfOneFunction() throws Exception {
        CompiledModel m = compile("fashion-mlp");
        assertTrue(failed(m).isEmpty(), "fashion-mlp: " + failed(m));
        assertTrue(m.hardViolations().isEmpty());
        assertEquals(1, m.segments().size(), "one transition");
        // 27,029 instructions: over what the sidecar's snarkVM runs in one function, so two closures.
        assertEquals(2, m.program().closures().parts().size());
        assertTrue(m.program().closures().parts().stream()
                .allMatch(p -> p.instructions() <= ModelCompiler.RUNNABLE_INSTRUCTIONS));
        // The one-function figure under the derived packing rule (its 784-element input is an estimate).
        assertEquals(53_458, m.cost().total().constraints(), "closures add nothing to the circuit");
        assertTrue(m.aleoText().contains("closure main_part1:") && m.leoText().contains("fn main_part1("));
    }

    /**
     * Closures bring fashion-cnn's 84,757 instructions under the cap, but its conv layer alone prints
     * to more characters than one program may hold, so no chain cut at layer boundaries fits: the
     * compiled model says so (a check of its own) and export refuses. Splitting one layer across
     * programs is what would be needed.
     */
    @Test
    void fashionCnnNamesTheLayerNoChainCanFit() throws Exception {
        CompiledModel m = compile("fashion-cnn");
        assertEquals(1, m.segments().size());
        List<LimitCheck> failed = failed(m);
        assertTrue(m.limits().stream().filter(c -> c.limit().equals("MAX_INSTRUCTIONS")).allMatch(LimitCheck::passed),
                "closures lift the instruction cap: " + m.limits());
        assertEquals(List.of("MAX_PROGRAM_SIZE", "MAX_PROGRAM_SIZE"), failed.stream().map(LimitCheck::limit).toList());
        LimitCheck conv = failed.get(1);
        assertTrue(conv.what().startsWith("layer conv as a program of its own"), conv.what());
        assertTrue(conv.actual() > 2_048_000 && conv.actual() < m.aleoText().length(), conv.toString());
        assertEquals(563_822, m.cost().total().constraints());
    }
}
