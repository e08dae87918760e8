package io.zkml.workbench.export;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkml.workbench.session.ModelSession;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The early count is a lower bound: on real programs it never exceeds the instructions lowering emits. */
class EarlyLimitsTest {

    @Test
    void theEarlyCountNeverExceedsTheRealProgram() throws Exception {
        for (String sample : new String[] {"iris-mlp", "breast-cancer-mlp", "digits-cnn", "wine-mlp"}) {
            ModelSession s = ModelSession.open(Path.of("sample-models", sample + ".zip"), null);
            var spec = s.calibrate();
            CompiledModel m = ModelCompiler.standard().compile(s, spec, new io.zkml.workbench.quant.QuantSpecJson()
                    .toJson(spec));
            long early = EarlyLimits.minInstructions(m.quantized());
            long real = m.program().body().size();
            assertTrue(early <= real, sample + ": early " + early + " > real " + real);
            assertTrue(early * EarlyLimits.MIN_CHARS_PER_INSTRUCTION <= m.aleoText().length(), sample);
            if (!sample.equals("digits-cnn")) {
                assertTrue(early > 0, sample + " has a Dense layer on the input");
            }
        }
    }
}
