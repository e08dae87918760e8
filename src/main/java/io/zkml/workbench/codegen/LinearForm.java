package io.zkml.workbench.codegen;

import io.zkml.workbench.quant.Producer;
import io.zkml.workbench.quant.QuantizedLayer;

import java.util.ArrayList;
import java.util.List;

/**
 * One output neuron of a linear producer as {@code bias + sum weight * input[slot][index]}, terms
 * in the simulator's summation order. Dense, Conv2D, Affine, Add and Identity all reduce to
 * this, so one lowering serves them; zero weights are dropped here (they add exactly nothing).
 */
record LinearForm(long bias, int biasParam, List<Term> terms) {

    /** {@code param}: index of the weight in the producer's weight (or scale) array; -1 for a fixed coefficient. */
    record Term(int slot, int index, long weight, int param) {
        Term(int slot, int index, long weight) {
            this(slot, index, weight, -1);
        }
    }

    LinearForm {
        terms = List.copyOf(terms);
    }

    LinearForm(long bias, List<Term> terms) {
        this(bias, -1, terms);
    }

    /** The forms of every neuron of {@code layer}, or null when its producer is not linear. */
    static List<LinearForm> of(QuantizedLayer layer) {
        return of(layer, false);
    }

    /**
     * As {@link #of(QuantizedLayer)}; {@code keepZeros} keeps zero weights as terms, for programs
     * whose weights are private inputs (a zero weight is then a value like any other).
     */
    static List<LinearForm> of(QuantizedLayer layer, boolean keepZeros) {
        Producer p = layer.producer();
        List<LinearForm> out = new ArrayList<>();
        if (p instanceof Producer.Dense d) {
            for (int o = 0; o < d.nOut(); o++) {
                List<Term> t = new ArrayList<>();
                for (int i = 0; i < d.nIn(); i++) {
                    add(t, 0, i, d.weights()[o * d.nIn() + i], o * d.nIn() + i, keepZeros);
                }
                out.add(new LinearForm(d.bias()[o], o, t));
            }
        } else if (p instanceof Producer.Conv2D c) {
            for (int o = 0; o < c.outC(); o++) {
                for (int i = 0; i < c.outH(); i++) {
                    for (int j = 0; j < c.outW(); j++) {
                        out.add(new LinearForm(c.bias()[o], o, convTerms(c, o, i, j, keepZeros)));
                    }
                }
            }
        } else if (p instanceof Producer.Affine a) {
            for (int k = 0; k < layer.size(); k++) {
                int f = k / a.perFeature();
                List<Term> t = new ArrayList<>();
                add(t, 0, k, a.scale()[f], f, keepZeros);
                out.add(new LinearForm(a.offset()[f], f, t));
            }
        } else if (p instanceof Producer.Add a) {
            for (int k = 0; k < layer.size(); k++) {
                List<Term> t = new ArrayList<>();
                for (int s = 0; s < a.leftShift().length; s++) {
                    add(t, s, k, 1L << a.leftShift()[s], -1, false);
                }
                out.add(new LinearForm(0, t));
            }
        } else if (p instanceof Producer.Identity) {
            for (int k = 0; k < layer.size(); k++) {
                out.add(new LinearForm(0, List.of(new Term(0, k, 1))));
            }
        } else {
            return null;
        }
        return out;
    }

    private static List<Term> convTerms(Producer.Conv2D c, int o, int i, int j, boolean keepZeros) {
        List<Term> t = new ArrayList<>();
        for (int ch = 0; ch < c.inC(); ch++) {
            for (int ki = 0; ki < c.kernelH(); ki++) {
                int h = i * c.strideH() - c.padTop() + ki;
                for (int kj = 0; kj < c.kernelW(); kj++) {
                    int w = j * c.strideW() - c.padLeft() + kj;
                    if (h < 0 || h >= c.inH() || w < 0 || w >= c.inW()) {
                        continue; // zero padding adds nothing
                    }
                    int param = ((o * c.inC() + ch) * c.kernelH() + ki) * c.kernelW() + kj;
                    add(t, 0, (ch * c.inH() + h) * c.inW() + w, c.weights()[param], param, keepZeros);
                }
            }
        }
        return t;
    }

    private static void add(List<Term> t, int slot, int index, long weight, int param, boolean keepZeros) {
        if (weight != 0 || keepZeros) {
            t.add(new Term(slot, index, weight, param));
        }
    }
}
