package io.zkml.workbench.export;

import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.codegen.ArrayType;
import io.zkml.workbench.codegen.IrInput;
import io.zkml.workbench.codegen.IrOutput;
import io.zkml.workbench.quant.IntegerSimulator;
import io.zkml.workbench.quant.QuantizedGraph;
import io.zkml.workbench.quant.SimulationResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes normalised rows as the program's input literals and predicts its outputs with the
 * bit-exact integer simulator, so that every proof can be checked against what the model says.
 */
public final class RowEncoder {

    private final CompiledModel model;

    public RowEncoder(CompiledModel model) {
        this.model = model;
    }

    /** Rows already normalised the way the model expects. */
    public List<SampleRow> encode(float[][] normalized, float[][] raw, int[] labels, int firstIndex) {
        QuantizedGraph q = model.quantized();
        SimulationResult r = new IntegerSimulator().run(q, normalized);
        java.util.function.Function<long[], String> shared = model.sharedInputs(); // weights packed once
        List<SampleRow> rows = new ArrayList<>();
        for (int s = 0; s < normalized.length; s++) {
            List<String> inputs = inputs(r.row(0, s), shared);
            List<String> outputs = outputs(r, s, q);
            rows.add(new SampleRow(firstIndex + s, raw[s], labels == null ? null : labels[s], inputs, outputs,
                    OutputDecoder.decode(model.output(), outputs), overflow(r, s)));
        }
        return rows;
    }

    private static String overflow(SimulationResult r, int sample) {
        return r.overflow().events().stream().filter(e -> e.sample() == sample).findFirst()
                .map(e -> "layer " + e.layer() + ", neuron " + e.neuron() + ": " + e.kind() + " (value " + e.value()
                        + ", limit " + e.limit() + ")")
                .orElse(null);
    }

    /** Refuses a row the program would abort on, before any snarkVM time is spent. */
    public static SampleRow requireClean(SampleRow row) {
        if (row.overflow() != null) {
            throw new WorkbenchException("row " + row.index() + " overflows the quantized network, so the Aleo "
                    + "program would abort on it (" + row.overflow() + "); recalibrate with more headroom "
                    + "(`zkml calibrate`) or choose another row");
        }
        return row;
    }

    private List<String> inputs(long[] quantized, java.util.function.Function<long[], String> shared) {
        if (shared != null) {
            return List.of(shared.apply(quantized)); // scheme /2: the data rides in the weights' array
        }
        List<String> literals = new ArrayList<>();
        int at = 0;
        List<IrInput> ins = model.program().inputs();
        int weightArrays = ins.size() - dataInputs(quantized.length);
        for (IrInput in : ins.subList(0, ins.size() - weightArrays)) {
            ArrayType t = in.reg().arrayType();
            long[] part = Arrays.copyOfRange(quantized, at, at + t.length());
            at += t.length();
            literals.add(AleoValues.literal(part, t.element().aleo(), true));
        }
        if (at != quantized.length) {
            throw new IllegalStateException("the program takes " + at + " input values, the simulator has " + quantized.length);
        }
        if (weightArrays > 0) {
            // Private weights (--weights private-committed or pinned) follow the data, as the lowering declares them.
            literals.addAll(model.weightInputs());
        }
        return literals;
    }

    /** How many leading program inputs hold the {@code n} data values. */
    private int dataInputs(int n) {
        int at = 0, k = 0;
        for (IrInput in : model.program().inputs()) {
            if (at >= n) {
                break;
            }
            at += in.reg().arrayType().length();
            k++;
        }
        return k;
    }

    private List<String> outputs(SimulationResult r, int s, QuantizedGraph q) {
        List<String> out = new ArrayList<>();
        if (OutputFormat.CLASS.equals(model.output().kind())) {
            IrOutput o = model.program().outputs().get(0);
            out.add(AleoValues.literal(new long[] {r.predictions()[s]}, o.value().type().aleo(), false));
            return out;
        }
        long[] logits = r.row(q.outputIndex(), s);
        int at = 0;
        for (IrOutput o : model.program().outputs()) {
            if (!(o.value().type() instanceof ArrayType t)) {
                continue; // the weights commitment: only snarkVM computes it
            }
            out.add(AleoValues.literal(Arrays.copyOfRange(logits, at, at + t.length()), t.element().aleo(), true));
            at += t.length();
        }
        return out;
    }
}
