package io.zkml.workbench.codegen;

import io.zkml.workbench.quant.Producer;

import java.util.ArrayList;
import java.util.List;

/** Window geometry of the pooling producers, in the simulator's tap order. */
final class Pooling {

    private Pooling() {
    }

    /** Per output (channels-first order) the flat input indices of its in-image taps. */
    static List<List<Integer>> maxWindows(Producer.MaxPool p) {
        return windows(p.channels(), p.inH(), p.inW(), p.outH(), p.outW(), p.kernelH(), p.kernelW(), p.strideH(),
                p.strideW(), p.padTop(), p.padLeft());
    }

    /**
     * Per output {@code sum(taps) * R[n]}: the sum the simulator multiplies by the reciprocal of
     * the tap count n (or of the full window when padding counts), before its rounding shift.
     */
    static List<LinearForm> averageForms(Producer.AvgPool p) {
        List<List<Integer>> ws = windows(p.channels(), p.inH(), p.inW(), p.outH(), p.outW(), p.kernelH(), p.kernelW(),
                p.strideH(), p.strideW(), p.padTop(), p.padLeft());
        List<LinearForm> out = new ArrayList<>();
        for (List<Integer> w : ws) {
            int n = p.padIncluded() ? p.kernelH() * p.kernelW() : w.size();
            List<LinearForm.Term> terms = new ArrayList<>();
            if (!w.isEmpty() && n > 0) {
                long r = p.reciprocal()[n];
                for (int idx : w) {
                    if (r != 0) {
                        terms.add(new LinearForm.Term(0, idx, r));
                    }
                }
            }
            out.add(new LinearForm(0, terms));
        }
        return out;
    }

    private static List<List<Integer>> windows(int ch, int inH, int inW, int outH, int outW, int kh, int kw, int sh,
                                               int sw, int padTop, int padLeft) {
        List<List<Integer>> out = new ArrayList<>();
        for (int c = 0; c < ch; c++) {
            for (int i = 0; i < outH; i++) {
                for (int j = 0; j < outW; j++) {
                    List<Integer> taps = new ArrayList<>();
                    for (int ki = 0; ki < kh; ki++) {
                        int r = i * sh - padTop + ki;
                        if (r < 0 || r >= inH) {
                            continue;
                        }
                        for (int kj = 0; kj < kw; kj++) {
                            int col = j * sw - padLeft + kj;
                            if (col >= 0 && col < inW) {
                                taps.add((c * inH + r) * inW + col);
                            }
                        }
                    }
                    out.add(taps);
                }
            }
        }
        return out;
    }
}
