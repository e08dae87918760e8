package io.zkml.workbench.export;

import io.zkml.workbench.codegen.WeightsMode;
import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.testing.SnarkVm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The execution fee predictions against what snarkVM itself computes offline (issue #13), through the
 * sidecar's {@code fees} request (the shipped SDK's estimator): exact on one program, a chain, committed
 * weights (field arrays in and a public field out) and fashion-mlp (784 inputs: an execution over 5,000
 * bytes, priced quadratically). {@link FeesSnarkVmTest} holds the deployment estimate.
 *
 * <p>The execution fee needs no keys (the function's types price it): the sidecar's one main thread, so
 * the class runs concurrently with the tier's sequential classes, on the sidecar of the concurrent classes
 * (docs/TESTING.md, issue #15; these were FeesSnarkVmTest's until then).
 */
@SnarkVm
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(SnarkVm.CONCURRENT_LANE)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExecutionFeesSnarkVmTest {

    private SidecarClient client;

    /** The run-scoped sidecar of the classes that run concurrently with the sequential ones (not closed here). */
    @BeforeAll
    void start(SidecarClient lane) {
        client = lane;
    }

    @Test
    void irisTinyExecutionIsExact() throws Exception {
        FeesSnarkVmTest.assertExecutionFeeExact(client, FeesSnarkVmTest.compile("iris-tiny", CompileSettings.defaults()),
                "iris-tiny");
    }

    @Test
    void aChainsExecutionIsExact() throws Exception {
        CompiledModel m = FeesSnarkVmTest.compile("iris-tiny", CompileSettings.defaults()
                .withPartitioning(new Partitioning(null, List.of("layer0"))));
        assertEquals(2, m.segments().size());
        FeesSnarkVmTest.assertExecutionFeeExact(client, m, "iris-tiny as a 2-program chain");
    }

    @Test
    void committedWeightsAndLargeInputsAreExact() throws Exception {
        FeesSnarkVmTest.assertExecutionFeeExact(client, FeesSnarkVmTest.compile("iris-tiny", CompileSettings.defaults()
                .withWeightsMode(WeightsMode.PRIVATE_COMMITTED)), "iris-tiny, private-committed weights");
        CompiledModel fashion = FeesSnarkVmTest.compile("fashion-mlp", CompileSettings.defaults());
        assertTrue(fashion.executionFee().bytes() > Fees.EXECUTION_STORAGE_PENALTY_THRESHOLD,
                "784 inputs make an execution over the quadratic threshold: " + fashion.executionFee());
        FeesSnarkVmTest.assertExecutionFeeExact(client, fashion, "fashion-mlp");
    }
}
