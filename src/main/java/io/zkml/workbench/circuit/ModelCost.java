package io.zkml.workbench.circuit;

import io.zkml.workbench.codegen.IrProgram;
import io.zkml.workbench.codegen.Lowering;
import io.zkml.workbench.codegen.ProgramHeader;
import io.zkml.workbench.quant.QuantizedGraph;

/**
 * The circuit a quantized model would become, without writing any file: lowers it exactly as
 * the exporter does and prices the program with the measured cost table. What the workbench's
 * live badges and dashboard show.
 */
public final class ModelCost {

    private static final ProgramHeader NO_HEADER = new ProgramHeader("model", "0".repeat(64), "0".repeat(64), "dev");

    private final CostModel costModel;

    public ModelCost(CostModel costModel) {
        this.costModel = costModel;
    }

    public static ModelCost bundled() {
        return new ModelCost(CostModel.bundled());
    }

    public CostEstimate estimate(QuantizedGraph graph) {
        IrProgram program = new Lowering().lower(graph, NO_HEADER, graph.modelName());
        return costModel.estimate(program);
    }
}
