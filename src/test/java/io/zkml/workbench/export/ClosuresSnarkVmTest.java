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
import io.zkml.workbench.testing.SidecarLanes;
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
 * simulator's outputs and proves (a proof that verifies); and the Fashion-MNIST MLP, as exported (four closures), runs bit-equal to
 * the simulator on test rows of its committed CSV (evaluated: its circuit needs SRS 2^19, whose
 * parameters are online, so no keys are synthesized); and a chain the compiler cut by itself runs
 * bit-equal too (the sidecar's evaluate with the entry's imports).
 */
@SnarkVm
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClosuresSnarkVmTest {

    /**
     * Fashion-MNIST test rows evaluated: issue #13 asks for at least 20 images. The sidecar's evaluateRows
     * (snarkVM's unchecked authorization, no circuit) takes a fraction of a second to a few seconds a row,
     * where evaluate ran the 52,428-constraint circuit for 11-13 s a row (20 rows took 354.6 s);
     * {@code -Dzkml.fashionRows=N} runs more.
     */
    static final int FASHION_ROWS = Integer.getInteger("zkml.fashionRows", 20);

    private SidecarClient client;
    /** The rows are evaluated on two sidecars side by side (an evaluation uses one thread of its sidecar). */
    private SidecarLanes lanes;

    @BeforeAll
    void start(SidecarClient shared, SidecarLanes lanes) {
        client = shared;
        this.lanes = lanes;
    }

    private static ModelSession open(String sample) throws Exception {
        return ModelSession.open(SampleCatalog.get(sample).modelPath(Path.of("sample-models")), null);
    }

    private static CompiledModel compile(ModelSession s) {
        QuantSpec spec = s.calibrate();
        return ModelCompiler.standard().compile(s, spec, new QuantSpecJson().toJson(spec));
    }

    private static List<SampleRow> rows(ModelSession s, CompiledModel m, int from, int count) {
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

    @Test
    void fashionMlpAsExportedRunsBitEqualToTheSimulatorOnTestRows() throws Exception {
        ModelSession s = open("fashion-mlp");
        CompiledModel m = compile(s);
        assertTrue(m.hardViolations().isEmpty(), "fashion-mlp fits every Aleo limit: " + m.hardViolations());
        assertEquals(1, m.segments().size());
        assertEquals(4, m.program().closures().parts().size());
        evaluate(m.aleoText(), rows(s, m, 0, FASHION_ROWS), "fashion-mlp");
    }

    /**
     * The chain the compiler cuts by itself (digits-cnn under consensus V11, whose programs may hold
     * 100,000 characters as snarkVM prints them: five programs, three cut inside the conv layer) runs in
     * snarkVM as one authorization of the entry and its imports, with the simulator's outputs.
     */
    @Test
    void anAutomaticChainRunsBitEqualToTheSimulator() throws Exception {
        ModelSession s = open("digits-cnn");
        QuantSpec spec = s.calibrate();
        CompiledModel m = ModelCompiler.standard().compile(s, spec, new QuantSpecJson().toJson(spec),
                CompileSettings.defaults().withConsensus(io.zkml.workbench.circuit.ConsensusVersion.V11), null);
        assertEquals(5, m.segments().size());
        assertTrue(m.hardViolations().isEmpty(), m.hardViolations().toString());
        java.util.Map<String, String> imports = new java.util.LinkedHashMap<>();
        m.segments().stream().skip(1).forEach(seg -> imports.put(seg.programId(), seg.aleoText()));
        evaluate(m.aleoText(), imports, rows(s, m, 0, 3), "digits-cnn as an automatic chain (V11)");
    }

    private void evaluate(String program, List<SampleRow> rows, String what) {
        evaluate(program, java.util.Map.of(), rows, what);
    }

    private void evaluate(String program, java.util.Map<String, String> imports, List<SampleRow> rows, String what) {
        long started = System.nanoTime();
        for (SampleRow row : rows) {
            assertNull(row.overflow(), what + " row " + row.index());
        }
        List<List<String>> outputs = lanes.evaluateRows(program, "main", rows.stream().map(SampleRow::inputs).toList(),
                imports);
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(rows.get(i).expectedOutputs(), outputs.get(i),
                    what + " row " + rows.get(i).index() + ": snarkVM's outputs are the simulator's");
        }
        System.out.printf("[closures] %s: %d rows evaluated bit-equal in %.1f s%n", what, rows.size(),
                (System.nanoTime() - started) / 1e9);
    }
}
