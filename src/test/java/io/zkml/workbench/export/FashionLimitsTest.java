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
 * into a chain where a cut can bring it under (fashion-cnn's, inside its conv layer: LayerSplitTest).
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
        // 27,029 instructions: over what the sidecar's snarkVM runs in one function, so four closures.
        assertEquals(4, m.program().closures().parts().size());
        assertTrue(m.program().closures().parts().stream()
                .allMatch(p -> p.instructions() <= ModelCompiler.RUNNABLE_INSTRUCTIONS));
        // The one-function figure under the derived packing rule (its 784-element input is an estimate).
        assertEquals(53_458, m.cost().total().constraints(), "closures add nothing to the circuit");
        assertTrue(m.aleoText().contains("closure main_part1:") && m.leoText().contains("fn main_part1("));
    }

    // fashion-cnn, whose conv layer alone is over one program's size, is cut inside that layer: LayerSplitTest.
}
