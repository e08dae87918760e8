package io.zkml.workbench.quant;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@link QuantizedGraph} on a batch, bit-exactly as the generated Aleo program would,
 * layer by layer over flat long arrays. A layer whose static accumulator bound fits its domain
 * (and 62 bits) takes the unchecked fast path; otherwise every operation is checked and
 * overflows are reported, never thrown. Stateless: one instance can run any graph.
 */
public final class IntegerSimulator {

    /** Bound below which no partial sum, rounding add or product can overflow a long. */
    private static final double SAFE_BOUND = 0x1p62;

    public SimulationResult run(QuantizedGraph g, float[][] inputs) {
        LayerRun[] runs = new LayerRun[g.layers().size()];
        for (int i = 0; i < runs.length; i++) {
            runs[i] = runLayer(g, i, runs, inputs);
        }
        return result(g, runs, inputs.length);
    }

    /** Runs layer {@code li}, whose inputs are already in {@code runs}. */
    LayerRun runLayer(QuantizedGraph g, int li, LayerRun[] runs, float[][] inputs) {
        QuantizedLayer layer = g.layer(li);
        EventSink sink = new EventSink(layer.name());
        int batch = inputs.length;
        long[] y = produce(g, layer, runs, inputs, batch, sink);
        if (layer.producer() instanceof Producer.Identity && !layer.steps().isEmpty()) {
            y = y.clone(); // the identity shares its input's array; steps write in place
            Domain d = identityDomain(layer);
            if (d != null && d.isNarrowInteger()) {
                // An activation layer computing in a narrow integer domain casts its input into it first.
                for (int i = 0; i < y.length; i++) {
                    sink.begin(i / layer.size(), i % layer.size());
                    sink.checkDomain(OverflowEvent.Kind.DOMAIN_INPUT, y[i], d);
                }
            }
        }
        long saturated = 0;
        for (Step s : layer.steps()) {
            saturated += apply(s, y, layer.size(), sink);
        }
        return new LayerRun(y, saturated, List.copyOf(sink.events()), sink.count());
    }

    /** The domain an identity layer's steps compute in: its requantization's, or none without one. */
    static Domain identityDomain(QuantizedLayer layer) {
        return layer.steps().stream().filter(s -> s instanceof Step.Requant).map(s -> ((Step.Requant) s).domain())
                .findFirst().orElse(null);
    }

    static SimulationResult result(QuantizedGraph g, LayerRun[] runs, int batch) {
        List<long[]> values = new ArrayList<>(runs.length);
        long[] saturated = new long[runs.length];
        List<OverflowEvent> events = new ArrayList<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int i = 0; i < runs.length; i++) {
            values.add(runs[i].values());
            saturated[i] = runs[i].saturated();
            String name = g.layer(i).name();
            // Parameter issues first (they explain what follows), then the run's, capped per layer.
            List<OverflowEvent> mine = new ArrayList<>();
            for (OverflowEvent e : g.parameterIssues()) {
                if (e.layer().equals(name)) {
                    mine.add(e);
                    counts.merge(name, 1L, Long::sum);
                }
            }
            mine.addAll(runs[i].events());
            events.addAll(mine.subList(0, Math.min(mine.size(), OverflowReport.EVENTS_KEPT_PER_LAYER)));
            if (runs[i].overflowCount() > 0) {
                counts.merge(name, runs[i].overflowCount(), Long::sum);
            }
        }
        int[] predictions = null;
        QuantizedLayer out = g.output();
        if (out.argmax()) {
            long[] v = values.get(g.outputIndex());
            predictions = new int[batch];
            for (int s = 0; s < batch; s++) {
                predictions[s] = IntegerSemantics.argmax(v, s * out.size(), out.size());
            }
        }
        return new SimulationResult(g, batch, values, saturated, new OverflowReport(events, counts), predictions);
    }

    private static long[] produce(QuantizedGraph g, QuantizedLayer layer, LayerRun[] runs, float[][] inputs,
                                  int batch, EventSink sink) {
        // A visitor, so a new producer does not compile until the simulator computes it.
        return layer.producer().accept(new Producer.Visitor<long[]>() {
            @Override
            public long[] quantizeInput(Producer.QuantizeInput q) {
                return quantizeInputs(inputs, layer.size(), q.fracBits());
            }

            @Override
            public long[] dense(Producer.Dense d) {
                return IntegerSimulator.dense(d, x(), batch, checked(layer, d.domain(), inBits()), sink);
            }

            @Override
            public long[] conv2d(Producer.Conv2D c) {
                return conv(c, x(), batch, checked(layer, c.domain(), inBits()), sink);
            }

            @Override
            public long[] affine(Producer.Affine a) {
                return IntegerSimulator.affine(a, x(), layer.size(), batch, checked(layer, a.domain(), inBits()), sink);
            }

            @Override
            public long[] maxPool(Producer.MaxPool m) {
                return IntegerSimulator.maxPool(m, x(), batch);
            }

            @Override
            public long[] avgPool(Producer.AvgPool a) {
                return IntegerSimulator.avgPool(a, x(), batch);
            }

            @Override
            public long[] add(Producer.Add a) {
                long[][] xs = new long[layer.inputCount()][];
                int maxBits = 0;
                for (int k = 0; k < xs.length; k++) {
                    xs[k] = runs[layer.input(k)].values();
                    maxBits = Math.max(maxBits, g.layer(layer.input(k)).bits());
                }
                return IntegerSimulator.add(a, xs, layer.size(), batch, checked(layer, a.domain(), maxBits), sink);
            }

            @Override
            public long[] identity(Producer.Identity i) {
                return x(); // shared; runLayer copies before any step writes to it
            }

            private long[] x() {
                return runs[layer.input(0)].values();
            }

            private int inBits() {
                return g.layer(layer.input(0)).bits();
            }
        });
    }

    /** Whether the static bound leaves any room for overflow, so the checked path is needed. */
    private static boolean checked(QuantizedLayer layer, Domain d, int inBits) {
        if (layer.accBound() >= SAFE_BOUND) {
            return true;
        }
        return d.isNarrowInteger() && (layer.accBound() > d.max() || inBits > d.bits());
    }

    private static long[] quantizeInputs(float[][] inputs, int size, int frac) {
        long[] y = new long[inputs.length * size];
        for (int s = 0; s < inputs.length; s++) {
            float[] row = inputs[s];
            if (row.length != size) {
                throw new IllegalArgumentException("sample " + s + " has " + row.length + " values, the model expects "
                        + size);
            }
            for (int i = 0; i < size; i++) {
                y[s * size + i] = IntegerSemantics.quantize(row[i], frac);
            }
        }
        return y;
    }

    private static long[] dense(Producer.Dense d, long[] x, int batch, boolean checked, EventSink sink) {
        int nIn = d.nIn(), nOut = d.nOut();
        long[] w = d.weights(), b = d.bias();
        long[] y = new long[batch * nOut];
        for (int s = 0; s < batch; s++) {
            int xo = s * nIn;
            for (int o = 0; o < nOut; o++) {
                int wo = o * nIn;
                long acc = b[o];
                if (!checked) {
                    for (int i = 0; i < nIn; i++) {
                        acc += w[wo + i] * x[xo + i];
                    }
                } else {
                    sink.begin(s, o);
                    for (int i = 0; i < nIn; i++) {
                        acc = sink.mac(acc, w[wo + i], x[xo + i], d.domain());
                    }
                }
                y[s * nOut + o] = acc;
            }
        }
        return y;
    }

    private static long[] conv(Producer.Conv2D c, long[] x, int batch, boolean checked, EventSink sink) {
        int inC = c.inC(), inH = c.inH(), inW = c.inW(), outC = c.outC(), outH = c.outH(), outW = c.outW();
        int kh = c.kernelH(), kw = c.kernelW();
        int inSize = inC * inH * inW, outSize = outC * outH * outW;
        long[] w = c.weights(), b = c.bias();
        long[] y = new long[batch * outSize];
        for (int s = 0; s < batch; s++) {
            int xo = s * inSize;
            for (int o = 0; o < outC; o++) {
                for (int i = 0; i < outH; i++) {
                    for (int j = 0; j < outW; j++) {
                        int neuron = (o * outH + i) * outW + j;
                        long acc = b[o];
                        if (checked) {
                            sink.begin(s, neuron);
                        }
                        for (int ch = 0; ch < inC; ch++) {
                            for (int ki = 0; ki < kh; ki++) {
                                int r = i * c.strideH() - c.padTop() + ki;
                                if (r < 0 || r >= inH) {
                                    continue;
                                }
                                int wRow = ((o * inC + ch) * kh + ki) * kw;
                                int xRow = xo + (ch * inH + r) * inW;
                                for (int kj = 0; kj < kw; kj++) {
                                    int col = j * c.strideW() - c.padLeft() + kj;
                                    if (col < 0 || col >= inW) {
                                        continue;
                                    }
                                    if (checked) {
                                        acc = sink.mac(acc, w[wRow + kj], x[xRow + col], c.domain());
                                    } else {
                                        acc += w[wRow + kj] * x[xRow + col];
                                    }
                                }
                            }
                        }
                        y[s * outSize + neuron] = acc;
                    }
                }
            }
        }
        return y;
    }

    private static long[] affine(Producer.Affine a, long[] x, int size, int batch, boolean checked, EventSink sink) {
        long[] y = new long[batch * size];
        long[] scale = a.scale(), offset = a.offset();
        int per = a.perFeature();
        for (int s = 0; s < batch; s++) {
            for (int k = 0; k < size; k++) {
                int f = k / per;
                int idx = s * size + k;
                if (checked) {
                    sink.begin(s, k);
                    y[idx] = sink.mac(offset[f], scale[f], x[idx], a.domain());
                } else {
                    y[idx] = offset[f] + scale[f] * x[idx];
                }
            }
        }
        return y;
    }

    private static long[] maxPool(Producer.MaxPool p, long[] x, int batch) {
        int ch = p.channels(), inH = p.inH(), inW = p.inW(), outH = p.outH(), outW = p.outW();
        int inSize = ch * inH * inW, outSize = ch * outH * outW;
        long[] y = new long[batch * outSize];
        for (int s = 0; s < batch; s++) {
            for (int c = 0; c < ch; c++) {
                for (int i = 0; i < outH; i++) {
                    for (int j = 0; j < outW; j++) {
                        long m = Long.MIN_VALUE;
                        for (int ki = 0; ki < p.kernelH(); ki++) {
                            int r = i * p.strideH() - p.padTop() + ki;
                            if (r < 0 || r >= inH) {
                                continue;
                            }
                            for (int kj = 0; kj < p.kernelW(); kj++) {
                                int col = j * p.strideW() - p.padLeft() + kj;
                                if (col >= 0 && col < inW) {
                                    m = Math.max(m, x[s * inSize + (c * inH + r) * inW + col]);
                                }
                            }
                        }
                        y[s * outSize + (c * outH + i) * outW + j] = m == Long.MIN_VALUE ? 0 : m;
                    }
                }
            }
        }
        return y;
    }

    private static long[] avgPool(Producer.AvgPool p, long[] x, int batch) {
        int ch = p.channels(), inH = p.inH(), inW = p.inW(), outH = p.outH(), outW = p.outW();
        int inSize = ch * inH * inW, outSize = ch * outH * outW;
        long[] y = new long[batch * outSize];
        long[] recip = p.reciprocal();
        for (int s = 0; s < batch; s++) {
            for (int c = 0; c < ch; c++) {
                for (int i = 0; i < outH; i++) {
                    for (int j = 0; j < outW; j++) {
                        long sum = 0;
                        int count = 0;
                        for (int ki = 0; ki < p.kernelH(); ki++) {
                            int r = i * p.strideH() - p.padTop() + ki;
                            for (int kj = 0; kj < p.kernelW(); kj++) {
                                int col = j * p.strideW() - p.padLeft() + kj;
                                if (r >= 0 && r < inH && col >= 0 && col < inW) {
                                    sum += x[s * inSize + (c * inH + r) * inW + col];
                                    count++;
                                } else if (p.padIncluded()) {
                                    count++;
                                }
                            }
                        }
                        y[s * outSize + (c * outH + i) * outW + j] = count == 0 ? 0
                                : IntegerSemantics.shiftRound(sum * recip[count], p.reciprocalBits(), p.rounding());
                    }
                }
            }
        }
        return y;
    }

    private static long[] add(Producer.Add a, long[][] xs, int size, int batch, boolean checked, EventSink sink) {
        long[] y = new long[batch * size];
        int[] sh = a.leftShift();
        for (int idx = 0; idx < y.length; idx++) {
            if (!checked) {
                long acc = 0;
                for (int k = 0; k < xs.length; k++) {
                    acc += xs[k][idx] << sh[k];
                }
                y[idx] = acc;
            } else {
                sink.begin(idx / size, idx % size);
                long acc = 0;
                for (int k = 0; k < xs.length; k++) {
                    acc = sink.mac(acc, 1L << sh[k], xs[k][idx], a.domain());
                }
                y[idx] = acc;
            }
        }
        return y;
    }

    /** Applies one element-wise step in place; returns how many values a saturating clamp changed. */
    private static long apply(Step step, long[] y, int size, EventSink sink) {
        if (step instanceof Step.Requant r) {
            requant(r, y, size, sink);
        } else if (step instanceof Step.Clamp c) {
            return clamp(c, y, size, sink);
        } else if (step instanceof Step.Relu) {
            for (int i = 0; i < y.length; i++) {
                y[i] = IntegerSemantics.relu(y[i]);
            }
        } else if (step instanceof Step.LeakyShift l) {
            for (int i = 0; i < y.length; i++) {
                y[i] = IntegerSemantics.leakyShift(y[i], l.shift(), l.rounding());
            }
        } else if (step instanceof Step.LeakyMul l) {
            for (int i = 0; i < y.length; i++) {
                y[i] = IntegerSemantics.leakyMul(y[i], l.alpha(), l.alphaFracBits(), l.rounding());
            }
        } else if (step instanceof Step.HardTanh h) {
            for (int i = 0; i < y.length; i++) {
                y[i] = IntegerSemantics.hardTanh(y[i], h.one());
            }
        } else if (step instanceof Step.HardSigmoid h) {
            for (int i = 0; i < y.length; i++) {
                y[i] = IntegerSemantics.hardSigmoid(y[i], h);
            }
        } else if (step instanceof Step.PiecewiseLinear p) {
            for (int i = 0; i < y.length; i++) {
                y[i] = IntegerSemantics.piecewiseLinear(y[i], p);
            }
        } else if (step instanceof Step.Polynomial p) {
            for (int i = 0; i < y.length; i++) {
                y[i] = IntegerSemantics.polynomial(y[i], p);
            }
        } else {
            throw new IllegalStateException("no simulation for step " + step);
        }
        return 0;
    }

    private static void requant(Step.Requant r, long[] y, int size, EventSink sink) {
        int k = r.shift();
        Domain d = r.domain();
        if (k > 0) {
            // Only the rounding add can leave the domain; the shift itself shrinks the value.
            boolean check = d.isNarrowInteger() && r.rounding() == Rounding.HALF_UP;
            long half = 1L << (k - 1);
            for (int i = 0; i < y.length; i++) {
                if (check && y[i] > d.max() - half) {
                    sink.begin(i / size, i % size);
                    sink.report(OverflowEvent.Kind.DOMAIN_ACCUMULATOR, BigInteger.valueOf(y[i]).add(BigInteger.valueOf(half)),
                            BigInteger.valueOf(d.max()));
                }
                y[i] = IntegerSemantics.shiftRound(y[i], k, r.rounding());
            }
            return;
        }
        int m = -k;
        for (int i = 0; i < y.length; i++) {
            long v = y[i];
            if (v > (Long.MAX_VALUE >> m) || v < (Long.MIN_VALUE >> m)) {
                sink.begin(i / size, i % size);
                BigInteger big = BigInteger.valueOf(v).shiftLeft(m);
                sink.report(OverflowEvent.Kind.SIMULATOR_RANGE, big,
                        BigInteger.valueOf(v < 0 ? Long.MIN_VALUE : Long.MAX_VALUE));
                y[i] = v < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
                continue;
            }
            y[i] = v << m;
            if (d.isNarrowInteger() && (y[i] < d.min() || y[i] > d.max())) {
                sink.begin(i / size, i % size);
                sink.checkDomain(OverflowEvent.Kind.DOMAIN_ACCUMULATOR, y[i], d);
            }
        }
    }

    private static long clamp(Step.Clamp c, long[] y, int size, EventSink sink) {
        long changed = 0;
        long min = c.min(), max = c.max();
        for (int i = 0; i < y.length; i++) {
            long v = y[i];
            if (v < min || v > max) {
                changed++;
                if (c.mode() == BoundMode.CHECK) {
                    sink.begin(i / size, i % size);
                    sink.report(OverflowEvent.Kind.ACTIVATION_BOUND, BigInteger.valueOf(v),
                            BigInteger.valueOf(v < 0 ? min : max));
                }
                y[i] = v < min ? min : max;
            }
        }
        return c.mode() == BoundMode.SATURATE ? changed : 0;
    }
}
