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
 * not lift: digits-cnn under consensus V11, whose programs may hold 100,000 characters as snarkVM
 * prints them (its one program is about 424,000 so), becomes a chain cut between layers and inside
 * its conv layer, each program within every hard limit, that computes what the one program computes.
 * (breast-cancer-mlp no longer chains there: its first Dense layer alone prints to 106,686.)
 */
class AutoPartitionTest {

    @Test
    void aProgramOverTheSizeLimitBecomesAChainWithoutBeingAsked() throws Exception {
        ModelSession s = ModelSession.open(SampleCatalog.get("digits-cnn").modelPath(Path.of("sample-models")), null);
        QuantSpec spec = s.calibrate();
        String json = new QuantSpecJson().toJson(spec);
        CompiledModel whole = ModelCompiler.standard().compile(s, spec, json);
        assertEquals(1, whole.segments().size(), "under the latest limits it is one program");
        assertTrue(io.zkml.workbench.codegen.AleoPrinter.snarkVmLength(whole.aleoText()) > 100_000);

        CompiledModel m = ModelCompiler.standard().compile(s, spec, json,
                CompileSettings.defaults().withConsensus(ConsensusVersion.V11), null);
        assertTrue(m.segments().size() > 1, "cut into a chain");
        assertTrue(m.hardViolations().isEmpty(), m.hardViolations().toString());
        for (CompiledSegment seg : m.segments()) {
            assertTrue(io.zkml.workbench.codegen.AleoPrinter.snarkVmLength(seg.aleoText()) <= 100_000,
                    seg.programId() + ": " + seg.aleoText().length());
        }
        Map<String, IrProgram> imports = new HashMap<>();
        m.segments().forEach(seg -> imports.put(seg.programId(), seg.program()));
        float[][] rows = s.normalizedFeatures();
        System.out.println("[autopartition] digits-cnn at V11: " + m.segments().size() + " programs, cuts "
                + RecordedCuts.of(m));
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
