package io.zkml.workbench.export;

import io.zkml.workbench.circuit.ConsensusVersion;
import io.zkml.workbench.codegen.IrInterpreter;
import io.zkml.workbench.codegen.IrProgram;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.QuantSpecJson;
import io.zkml.workbench.samples.SampleCatalog;
import io.zkml.workbench.session.ModelSession;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The compiler cuts a program into a chain by itself when one program breaks a limit closures do
 * not lift: breast-cancer-mlp under consensus V11, whose programs may hold 100,000 characters
 * (its one program has about 113,000), becomes two transitions, each within every hard limit, that
 * compute what the one program computes.
 */
class AutoPartitionTest {

    @Test
    void aProgramOverTheSizeLimitBecomesAChainWithoutBeingAsked() throws Exception {
        ModelSession s = ModelSession.open(SampleCatalog.get("breast-cancer-mlp").modelPath(Path.of("sample-models")), null);
        QuantSpec spec = s.calibrate();
        String json = new QuantSpecJson().toJson(spec);
        CompiledModel whole = ModelCompiler.standard().compile(s, spec, json);
        assertEquals(1, whole.segments().size(), "under the latest limits it is one program");
        assertTrue(whole.aleoText().length() > 100_000);

        CompiledModel m = ModelCompiler.standard().compile(s, spec, json,
                CompileSettings.defaults().withConsensus(ConsensusVersion.V11), null);
        assertTrue(m.segments().size() > 1, "cut into a chain");
        assertTrue(m.hardViolations().isEmpty(), m.hardViolations().toString());
        for (CompiledSegment seg : m.segments()) {
            assertTrue(seg.aleoText().length() <= 100_000, seg.programId() + ": " + seg.aleoText().length());
        }
        Map<String, IrProgram> imports = new HashMap<>();
        m.segments().forEach(seg -> imports.put(seg.programId(), seg.program()));
        float[][] rows = s.normalizedFeatures();
        for (int r = 0; r < 20; r++) {
            List<BigInteger> xs = new ArrayList<>();
            for (long v : new io.zkml.workbench.quant.IntegerSimulator().run(m.quantized(), new float[][] {rows[r]}).row(0, 0)) {
                xs.add(BigInteger.valueOf(v));
            }
            List<Object> in = List.of(xs);
            assertEquals(new IrInterpreter().run(whole.program(), in), new IrInterpreter().run(m.program(), in, imports),
                    "row " + r);
        }
    }
}
