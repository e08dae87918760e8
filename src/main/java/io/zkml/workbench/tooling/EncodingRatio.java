package io.zkml.workbench.tooling;

import io.zkml.workbench.circuit.CircuitInfo;
import io.zkml.workbench.circuit.CostEstimate;
import io.zkml.workbench.circuit.CostKeys;
import io.zkml.workbench.circuit.CostModel;
import io.zkml.workbench.circuit.CostTable;
import io.zkml.workbench.codegen.CommittedWeights;
import io.zkml.workbench.codegen.IrInput;
import io.zkml.workbench.codegen.IrOutput;
import io.zkml.workbench.codegen.IrProgram;
import io.zkml.workbench.codegen.Lowering;
import io.zkml.workbench.codegen.ProgramHeader;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.QuantizedGraph;
import io.zkml.workbench.quant.QuantizedGraphBuilder;
import io.zkml.workbench.quant.QuantizedLayer;
import io.zkml.workbench.session.ModelSession;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Benchmark (no test, run by hand): constraints of this generator's encoding against the plain
 * integer encoding older Aleo transpilers emit, where every weight is an i64 {@code mul} and an
 * i64 {@code add} (524 + 70 constraints, the i64 figures of docs/ENCODING.md) and every neuron
 * adds its bias (70). Both run the same quantized integers, so the simulated accuracy is the
 * same by construction. The plain side is charged nothing for requantization, clamps,
 * activations, pools or argmax, so its figure is a lower bound and the ratio a conservative one.
 *
 * <p>Usage: {@code java -cp ... io.zkml.workbench.tooling.EncodingRatio [sample-models]}
 */
public final class EncodingRatio {

    static final long I64_MUL = 524;
    static final long I64_ADD = 70;

    /** One sample's numbers; {@code fixed} is the function, input and output overhead both encodings pay. */
    public record Row(String model, long ours, long fixed, long plainLayers, long weights, String accuracy) {
        long plain() {
            return fixed + plainLayers;
        }

        double ratioTotal() {
            return (double) plain() / ours;
        }

        double ratioLayers() {
            return (double) plainLayers / Math.max(1, ours - fixed);
        }
    }

    public static Row measure(Path model) throws Exception {
        ModelSession session = ModelSession.open(model, null);
        QuantSpec spec = session.calibrate();
        QuantizedGraph q = QuantizedGraphBuilder.build(session.graph(), spec);
        IrProgram p = new Lowering().lower(q, new ProgramHeader(model.getFileName().toString(), "0", "0", "bench"),
                "bench");
        CostTable table = CostTable.bundled();
        CostEstimate est = new CostModel(table).estimate(p);
        // From the table, not the estimate's "input"/"output" entries: a model layer may be named "output".
        long fixed = table.fixed().constraints();
        for (IrInput in : p.inputs()) {
            fixed += table.cost(CostKeys.input(in.reg().type())).map(CircuitInfo::constraints).orElse(0L);
        }
        for (IrOutput out : p.outputs()) {
            fixed += table.cost(CostKeys.output(out.value().type())).map(CircuitInfo::constraints).orElse(0L);
        }
        long weights = 0, plain = 0;
        for (QuantizedLayer l : q.layers()) {
            for (int terms : CommittedWeights.termsPerNeuron(l)) {
                weights += terms;
                plain += terms * (I64_MUL + I64_ADD) + I64_ADD;
            }
        }
        String acc;
        try {
            acc = String.format("%.2f%%", 100 * session.evaluate(spec).output().quantizedAccuracy());
        } catch (RuntimeException e) {
            acc = "n/a";
        }
        return new Row(model.getFileName().toString(), est.total().constraints(), fixed, plain, weights, acc);
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "sample-models");
        List<Path> models;
        try (Stream<Path> s = Files.list(dir)) {
            models = s.filter(x -> x.toString().endsWith(".zip")).sorted().toList();
        }
        System.out.printf("%-26s %9s %12s %12s %9s %9s %10s%n", "model", "weights", "ours", "plain i64", "total x",
                "layers x", "accuracy");
        for (Path m : models) {
            try {
                Row r = measure(m);
                System.out.printf("%-26s %,9d %,12d %,12d %8.1fx %8.1fx %10s%n", r.model(), r.weights(), r.ours(),
                        r.plain(), r.ratioTotal(), r.ratioLayers(), r.accuracy());
            } catch (Exception e) {
                System.out.printf("%-26s not lowered: %s%n", m.getFileName(), e.getMessage());
            }
        }
    }
}
