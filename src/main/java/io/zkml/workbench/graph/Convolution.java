package io.zkml.workbench.graph;

/** Float convolution and pooling over channels-first flat arrays, with DL4J's index conventions. */
final class Convolution {

    private Convolution() {
    }

    static float[] conv2d(float[] x, Shape in, LayerOp.Conv2D c, Tensor w, Tensor b, Shape out) {
        int inC = in.channels(), inH = in.height(), inW = in.width();
        int outH = out.height(), outW = out.width();
        int padTop = c.padding().outputAndPadBefore(inH, c.kernelH(), c.strideH(), true)[1];
        int padLeft = c.padding().outputAndPadBefore(inW, c.kernelW(), c.strideW(), false)[1];
        float[] y = new float[c.outChannels() * outH * outW];
        int kh = c.kernelH(), kw = c.kernelW();
        for (int o = 0; o < c.outChannels(); o++) {
            for (int i = 0; i < outH; i++) {
                for (int j = 0; j < outW; j++) {
                    double s = b == null ? 0 : b.get(o);
                    for (int ch = 0; ch < inC; ch++) {
                        for (int ki = 0; ki < kh; ki++) {
                            int r = i * c.strideH() - padTop + ki;
                            if (r < 0 || r >= inH) {
                                continue;
                            }
                            for (int kj = 0; kj < kw; kj++) {
                                int col = j * c.strideW() - padLeft + kj;
                                if (col < 0 || col >= inW) {
                                    continue;
                                }
                                s += (double) x[(ch * inH + r) * inW + col]
                                        * w.get(((o * inC + ch) * kh + ki) * kw + kj);
                            }
                        }
                    }
                    y[(o * outH + i) * outW + j] = (float) s;
                }
            }
        }
        return y;
    }

    static float[] pool2d(float[] x, Shape in, LayerOp.Pool2D p, Shape out) {
        int ch = in.channels(), inH = in.height(), inW = in.width();
        int outH = out.height(), outW = out.width();
        int padTop = p.padding().outputAndPadBefore(inH, p.kernelH(), p.strideH(), true)[1];
        int padLeft = p.padding().outputAndPadBefore(inW, p.kernelW(), p.strideW(), false)[1];
        float[] y = new float[ch * outH * outW];
        for (int c = 0; c < ch; c++) {
            for (int i = 0; i < outH; i++) {
                for (int j = 0; j < outW; j++) {
                    double acc = p.kind() == LayerOp.PoolKind.MAX ? Double.NEGATIVE_INFINITY : 0;
                    int count = 0;
                    for (int ki = 0; ki < p.kernelH(); ki++) {
                        int r = i * p.strideH() - padTop + ki;
                        for (int kj = 0; kj < p.kernelW(); kj++) {
                            int col = j * p.strideW() - padLeft + kj;
                            boolean inside = r >= 0 && r < inH && col >= 0 && col < inW;
                            if (!inside) {
                                if (p.padIncludedInAverage()) {
                                    count++;
                                }
                                continue;
                            }
                            float v = x[(c * inH + r) * inW + col];
                            acc = p.kind() == LayerOp.PoolKind.MAX ? Math.max(acc, v) : acc + v;
                            count++;
                        }
                    }
                    y[(c * outH + i) * outW + j] = (float) (p.kind() == LayerOp.PoolKind.MAX ? acc : acc / count);
                }
            }
        }
        return y;
    }
}
