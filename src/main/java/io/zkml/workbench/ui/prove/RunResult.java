package io.zkml.workbench.ui.prove;

import io.zkml.workbench.export.DecodedOutput;
import io.zkml.workbench.export.OutputDecoder;
import io.zkml.workbench.export.SampleRow;
import io.zkml.workbench.prove.ExecutionResult;

/** What one Run showed: the program's decoded output next to the simulator's and the float model's. */
public record RunResult(SampleRow row, ExecutionResult execution, DecodedOutput decoded, float[] floatOutput)
        implements ProveSession.Result {

    public boolean matchesSimulator() {
        return OutputDecoder.modelOutputs(execution.outputs()).equals(row.expectedOutputs());
    }
}
