package io.zkml.workbench.export;

import io.zkml.workbench.circuit.CostEstimate;
import io.zkml.workbench.circuit.CostModel;
import io.zkml.workbench.circuit.ExactCost;
import io.zkml.workbench.codegen.AleoPrinter;
import io.zkml.workbench.codegen.IrProgram;
import io.zkml.workbench.data.Dataset;
import io.zkml.workbench.prove.ProofResult;
import io.zkml.workbench.prove.VerifyResult;
import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.QuantSpecJson;
import io.zkml.workbench.samples.SampleCatalog;
import io.zkml.workbench.session.ModelSession;
import io.zkml.workbench.testing.SnarkVm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Closures in the real snarkVM (issue #13): a function printed as closures is the same circuit
 * (all five counts equal the one prediction, which the body alone makes), computes the
 * simulator's outputs and proves (a proof that verifies). The Fashion-MNIST MLP as exported (four
 * closures) and a chain the compiler cut by itself, run bit-equal to the simulator on test rows, are
 * {@link ClosureRowsSnarkVmTest}'s: evaluations only, which run beside this class's proof (issue #15).
 */
@SnarkVm
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClosuresSnarkVmTest {

    private SidecarClient client;

    @BeforeAll
    void start(SidecarClient shared) {
        client = shared;
    }

    static ModelSession open(String sample) throws Exception {
        return ModelSession.open(SampleCatalog.get(sample).modelPath(Path.of("sample-models")), null);
    }

    static CompiledModel compile(ModelSession s) {
        QuantSpec spec = s.calibrate();
        return ModelCompiler.standard().compile(s, spec, new QuantSpecJson().toJson(spec));
    }

    static List<SampleRow> rows(ModelSession s, CompiledModel m, int from, int count) {
        Dataset d = s.dataset().orElseThrow();
        int to = Math.min(d.features().length, from + count);
        return new RowEncoder(m).encode(Arrays.copyOfRange(s.normalizedFeatures(), from, to),
                Arrays.copyOfRange(d.features(), from, to), Arrays.copyOfRange(d.labels(), from, to), from);
    }

    @Test
    void irisTinyForcedIntoClosuresIsTheSameCircuitAndComputesTheSimulatorsClass() throws Exception {
        ModelSession s = open("iris-tiny");
        CompiledModel m = compile(s);
        // A test-only cap far below snarkVM's, so iris-tiny's body becomes three closures.
        int cap = m.program().body().size() / 3 + 20;
        IrProgram closures = m.program().withClosures(cap);
        assertEquals(3, closures.closures().parts().size());
        assertTrue(closures.closures().parts().stream().allMatch(p -> p.instructions() <= cap));
        String text = new AleoPrinter().print(closures).text();
        assertTrue(text.contains("closure main_part2:") && text.contains("call main_part0 r0 into"), text);
        CostEstimate predicted = CostModel.bundled().estimate(closures);
        assertEquals(m.cost().total(), predicted.total(), "closures change nothing the cost model sees");

        SampleRow row = rows(s, m, 7, 1).get(0);
        assertNull(row.overflow());
        // Proven and verified: the suite's one proof of a function with closures (the other proving classes
        // prove plain functions, chains and committed weights), at the cost of one small proof over the
        // execution this was before (the synthesis is the same).
        ProofResult r = client.prove(text, "main", row.inputs());
        ExactCost.assertExact(r.circuit(), predicted, "iris-tiny as 3 closures");
        assertEquals(row.expectedOutputs(), r.outputs(), "snarkVM's class is the simulator's");
        VerifyResult v = client.verify(text, "main", r.execution(), r.verifyingKey());
        assertTrue(v.valid(), v.reason());
    }
}
