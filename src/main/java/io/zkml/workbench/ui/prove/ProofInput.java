package io.zkml.workbench.ui.prove;

import io.zkml.workbench.data.Dataset;
import io.zkml.workbench.data.TaskKind;
import io.zkml.workbench.export.CompiledModel;
import io.zkml.workbench.export.RowEncoder;
import io.zkml.workbench.export.SampleRow;
import io.zkml.workbench.session.ModelSession;

/**
 * What to run the program on, as chosen in the input picker: a row of the model's dataset or typed
 * feature values ({@code row} -1). Read on the FX thread and encoded later on the proving worker.
 */
public record ProofInput(ModelSession session, int row, float[] typed) {

    public static ProofInput ofRow(ModelSession session, int row) {
        return new ProofInput(session, row, null);
    }

    public static ProofInput typed(ModelSession session, float[] values) {
        return new ProofInput(session, -1, values);
    }

    public boolean isRow() {
        return typed == null;
    }

    public float[] raw() {
        return isRow() ? session.dataset().orElseThrow().features()[row] : typed;
    }

    public float[] normalized() {
        return isRow() ? session.normalizedFeatures()[row] : session.normalize(typed);
    }

    /** Encodes the input for the program and predicts its outputs with the bit-exact simulator. */
    public SampleRow encode(CompiledModel compiled) {
        int[] label = null;
        if (isRow()) {
            Dataset d = session.dataset().orElseThrow();
            label = d.task() == TaskKind.CLASSIFICATION ? new int[] {d.labels()[row]} : null;
        }
        SampleRow r = new RowEncoder(compiled).encode(new float[][] {normalized()}, new float[][] {raw()}, label,
                isRow() ? row : -1).get(0);
        return RowEncoder.requireClean(r);
    }
}
