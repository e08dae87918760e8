package io.zkml.workbench.export;

import io.zkml.workbench.codegen.WeightsMode;
import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.prove.SnarkVmFees;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.QuantSpecJson;
import io.zkml.workbench.samples.SampleCatalog;
import io.zkml.workbench.session.ModelSession;
import io.zkml.workbench.testing.SnarkVm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fee predictions against what snarkVM itself computes offline (issue #13), through the sidecar's
 * {@code fees} request (the shipped SDK's estimators). The execution fee is exact: equal on one program,
 * a chain, committed weights (field arrays in and a public field out) and fashion-mlp (784 inputs: an
 * execution over 5,000 bytes, priced quadratically). The deployment fee is an estimate; on iris-tiny, the
 * one sample whose keys the offline parameters synthesize in one program, it must be within the error
 * the workbench states ({@link Fees#DEPLOYMENT_ESTIMATE_ERROR_PERCENT}).
 */
@SnarkVm
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeesSnarkVmTest {

    private SidecarClient client;

    @BeforeAll
    void start(SidecarClient shared) {
        client = shared;
    }

    private static CompiledModel compile(String sample, CompileSettings settings) throws Exception {
        ModelSession s = ModelSession.open(SampleCatalog.get(sample).modelPath(Path.of("sample-models")), null);
        QuantSpec spec = s.calibrate();
        return ModelCompiler.standard().compileWith(s, spec, new QuantSpecJson().toJson(spec), settings, null);
    }

    private static Map<String, String> imports(CompiledModel m) {
        Map<String, String> imports = new LinkedHashMap<>();
        m.segments().stream().skip(1).forEach(seg -> imports.put(seg.programId(), seg.aleoText()));
        return imports;
    }

    private SnarkVmFees assertExecutionFeeExact(CompiledModel m, String what) {
        SnarkVmFees fees = client.fees(m.aleoText(), m.function(), imports(m), false);
        Fees.Execution predicted = m.executionFee();
        System.out.printf("[fees] %s: execution %,d bytes, predicted %,d microcredits, snarkVM %,d%n", what,
                predicted.bytes(), predicted.total(), fees.executionMicrocredits());
        assertTrue(m.segments().stream().noneMatch(seg -> seg.aleoText().contains("finalize")),
                what + ": generated programs have no finalize, so the fee is storage alone");
        assertEquals(fees.executionMicrocredits(), predicted.total(), what + ": the execution fee is snarkVM's");
        assertEquals(fees.executionMicrocredits(), FeeSummary.of(m).executionFeeMicrocredits(), what);
        return fees;
    }

    @Test
    void irisTinyExecutionIsExactAndItsDeploymentWithinTheStatedError() throws Exception {
        CompiledModel m = compile("iris-tiny", CompileSettings.defaults());
        assertExecutionFeeExact(m, "iris-tiny");
        SnarkVmFees fees = client.fees(m.aleoText(), m.function(), Map.of(), true);
        Fees.Deployment predicted = m.segments().get(0).deploymentEstimate();
        assertEquals(fees.namespaceMicrocredits(), predicted.namespace(), "the namespace part is exact");
        double error = 100.0 * (predicted.total() - fees.deploymentMicrocredits()) / fees.deploymentMicrocredits();
        System.out.printf("[fees] iris-tiny: deployment predicted %,d microcredits, snarkVM %,d (%+.1f %%)%n",
                predicted.total(), fees.deploymentMicrocredits(), error);
        assertTrue(Math.abs(error) <= Fees.DEPLOYMENT_ESTIMATE_ERROR_PERCENT, "the deployment estimate is off by "
                + String.format("%.1f", error) + " %, more than the stated " + Fees.DEPLOYMENT_ESTIMATE_ERROR_PERCENT + " %");
    }

    @Test
    void aChainsExecutionIsExact() throws Exception {
        CompiledModel m = compile("iris-tiny", CompileSettings.defaults()
                .withPartitioning(new Partitioning(null, List.of("layer0"))));
        assertEquals(2, m.segments().size());
        assertExecutionFeeExact(m, "iris-tiny as a 2-program chain");
    }

    @Test
    void committedWeightsAndLargeInputsAreExact() throws Exception {
        assertExecutionFeeExact(compile("iris-tiny", CompileSettings.defaults()
                .withWeightsMode(WeightsMode.PRIVATE_COMMITTED)), "iris-tiny, private-committed weights");
        CompiledModel fashion = compile("fashion-mlp", CompileSettings.defaults());
        assertTrue(fashion.executionFee().bytes() > Fees.EXECUTION_STORAGE_PENALTY_THRESHOLD,
                "784 inputs make an execution over the quadratic threshold: " + fashion.executionFee());
        assertExecutionFeeExact(fashion, "fashion-mlp");
    }
}
