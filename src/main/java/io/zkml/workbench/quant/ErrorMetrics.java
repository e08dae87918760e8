package io.zkml.workbench.quant;

import io.zkml.workbench.graph.Activation;
import io.zkml.workbench.graph.ModelGraph;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares a simulation with the float reference computed on the same (folded) graph, layer
 * by layer and at the output. The float activations can also be supplied from elsewhere
 * (e.g. DL4J) in the same flat layout.
 */
public final class ErrorMetrics {

    public static final int HISTOGRAM_BINS = 41;

    private ErrorMetrics() {
    }

    /**
     * @param prepared the graph the quantized program was built from ({@link QuantizedGraphBuilder#prepare})
     * @param labels   class labels per sample, or null
     * @param targets  regression targets per sample, or null
     */
    public static QuantEvaluation evaluate(ModelGraph prepared, SimulationResult r, float[][] inputs, int[] labels,
                                           float[][] targets) {
        return evaluateAgainst(prepared, r, FloatReference.activations(prepared, inputs), labels, targets);
    }

    /**
     * As {@link #evaluate} with float activations supplied by the caller (e.g. from DL4J), per node
     * in graph order, flat {@code [sample * size + i]}, softmax nodes as logits.
     */
    public static QuantEvaluation evaluateAgainst(ModelGraph prepared, SimulationResult r, float[][] floatActs,
                                                  int[] labels, float[][] targets) {
        QuantizedGraph g = r.graph();
        if (g.layers().size() != prepared.nodes().size()) {
            throw new IllegalArgumentException("simulation and graph differ: was BatchNorm folded on both?");
        }
        List<LayerError> layers = new ArrayList<>();
        for (int i = 0; i < g.layers().size(); i++) {
            layers.add(layer(g.layer(i), r.values(i), floatActs[i], r.saturated()[i]));
        }
        boolean classifier = labels != null
                || prepared.outputNode().op().activation().kind() == Activation.Kind.SOFTMAX;
        return new QuantEvaluation(layers, output(g, r, floatActs[g.outputIndex()], classifier, labels, targets),
                r.overflow());
    }

    static LayerError layer(QuantizedLayer l, long[] q, float[] f, long saturated) {
        double scale = IntegerSemantics.pow2(-l.fracBits());
        double[] err = new double[q.length];
        double maxAbs = 0, sumAbs = 0, sumSq = 0, sig = 0;
        for (int i = 0; i < q.length; i++) {
            double e = q[i] * scale - f[i];
            err[i] = e;
            maxAbs = Math.max(maxAbs, Math.abs(e));
            sumAbs += Math.abs(e);
            sumSq += e * e;
            sig += (double) f[i] * f[i];
        }
        int n = Math.max(1, q.length);
        double sqnr = sumSq == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(sig / sumSq);
        return new LayerError(l.name(), q.length, maxAbs, sumAbs / n, Math.sqrt(sumSq / n), sqnr,
                (double) saturated / n, Histogram.of(err, HISTOGRAM_BINS));
    }

    private static OutputMetrics output(QuantizedGraph g, SimulationResult r, float[] f, boolean classifier,
                                        int[] labels, float[][] targets) {
        QuantizedLayer out = g.output();
        int size = out.size();
        long[] q = r.outputValues();
        int batch = r.batch();
        double fAcc = Double.NaN, qAcc = Double.NaN, agree = Double.NaN;
        if (classifier) {
            int same = 0, fRight = 0, qRight = 0;
            for (int s = 0; s < batch; s++) {
                int qp = r.predictions() != null ? r.predictions()[s] : IntegerSemantics.argmax(q, s * size, size);
                int fp = argmax(f, s * size, size);
                same += qp == fp ? 1 : 0;
                if (labels != null) {
                    fRight += fp == labels[s] ? 1 : 0;
                    qRight += qp == labels[s] ? 1 : 0;
                }
            }
            agree = (double) same / batch;
            if (labels != null) {
                fAcc = (double) fRight / batch;
                qAcc = (double) qRight / batch;
            }
        }
        double scale = IntegerSemantics.pow2(-out.fracBits());
        double maeL = Double.NaN, rmseL = Double.NaN, maeF = 0, rmseF = 0;
        for (int i = 0; i < q.length; i++) {
            double e = q[i] * scale - f[i];
            maeF += Math.abs(e);
            rmseF += e * e;
        }
        maeF /= Math.max(1, q.length);
        rmseF = Math.sqrt(rmseF / Math.max(1, q.length));
        if (targets != null) {
            double a = 0, b = 0;
            for (int s = 0; s < batch; s++) {
                for (int i = 0; i < size; i++) {
                    double e = q[s * size + i] * scale - targets[s][i];
                    a += Math.abs(e);
                    b += e * e;
                }
            }
            maeL = a / ((double) batch * size);
            rmseL = Math.sqrt(b / ((double) batch * size));
        }
        return new OutputMetrics(classifier, fAcc, qAcc, agree, maeL, rmseL, maeF, rmseF);
    }

    private static int argmax(float[] v, int from, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (v[from + i] > v[from + best]) {
                best = i;
            }
        }
        return best;
    }
}
