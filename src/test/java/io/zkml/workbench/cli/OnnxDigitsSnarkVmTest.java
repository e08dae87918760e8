package io.zkml.workbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zkml.workbench.data.Dataset;
import io.zkml.workbench.export.CompiledModel;
import io.zkml.workbench.export.ModelCompiler;
import io.zkml.workbench.export.RowEncoder;
import io.zkml.workbench.export.SampleRow;
import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.QuantSpecJson;
import io.zkml.workbench.session.ModelSession;
import io.zkml.workbench.testing.SnarkVm;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The ONNX digits sample through calibrate → compile → snarkVM: digits-onnx (2^17, beyond the offline
 * SRS) evaluated in snarkVM (its circuit, no keys) on committed test rows, every output equal to the
 * integer simulator's. {@link OnnxSamplesSnarkVmTest} proves iris-onnx.
 *
 * <p>Evaluations only, on the sidecar's one main thread: the class runs concurrently with the tier's
 * sequential classes, whose proofs leave part of the second core idle, on the sidecar of the concurrent
 * classes (docs/TESTING.md, issue #15; this was OnnxSamplesSnarkVmTest's until then).
 */
@SnarkVm
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(SnarkVm.CONCURRENT_LANE)
class OnnxDigitsSnarkVmTest {

    static final Path DIGITS = Path.of("sample-models/digits-onnx.onnx");
    static final int ROWS = 4;

    @Test
    void digitsOnnxRunsInSnarkVmBitEqualToTheSimulator(SidecarClient lane) throws Exception {
        ModelSession session = ModelSession.open(DIGITS, null);
        QuantSpec spec = session.calibrate();
        CompiledModel compiled = ModelCompiler.standard().compile(session, spec, new QuantSpecJson().toJson(spec));
        Dataset test = session.dataset().orElseThrow();
        float[][] normalized = Arrays.copyOf(session.normalizedFeatures(), ROWS);
        float[][] raw = Arrays.copyOf(test.features(), ROWS);
        List<SampleRow> rows = new RowEncoder(compiled).encode(normalized, raw, Arrays.copyOf(test.labels(), ROWS), 0);
        for (SampleRow row : rows) {
            RowEncoder.requireClean(row);
            List<String> outputs = lane.evaluate(compiled.aleoText(), compiled.function(), row.inputs());
            assertEquals(row.expectedOutputs(), outputs, "digits-onnx row " + row.index());
        }
    }
}
