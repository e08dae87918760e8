package io.zkml.workbench.ui;

import io.zkml.workbench.graph.LayerOp;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The configuration of a layer as label/value rows for the inspector. */
final class OpDescription {

    private OpDescription() {
    }

    static Map<String, String> of(LayerOp op) {
        Map<String, String> rows = new LinkedHashMap<>();
        if (op instanceof LayerOp.Input in) {
            rows.put("Input shape", in.shape().toString());
        } else if (op instanceof LayerOp.Dense d) {
            rows.put("Units", d.nIn() + " → " + d.nOut());
            rows.put("Bias", yesNo(d.hasBias()));
        } else if (op instanceof LayerOp.Output o) {
            rows.put("Units", o.nIn() + " → " + o.nOut());
            rows.put("Bias", yesNo(o.hasBias()));
            rows.put("Loss (training only)", o.loss());
        } else if (op instanceof LayerOp.Conv2D c) {
            rows.put("Channels", c.inChannels() + " → " + c.outChannels());
            rows.put("Kernel", c.kernelH() + "×" + c.kernelW());
            rows.put("Stride", c.strideH() + "×" + c.strideW());
            rows.put("Padding", c.padding().toString());
            rows.put("Bias", yesNo(c.hasBias()));
        } else if (op instanceof LayerOp.Pool2D p) {
            rows.put("Kernel", p.kernelH() + "×" + p.kernelW());
            rows.put("Stride", p.strideH() + "×" + p.strideW());
            rows.put("Padding", p.padding().toString());
            if (p.kind() == LayerOp.PoolKind.AVG) {
                rows.put("Padding in average", yesNo(p.padIncludedInAverage()));
            }
        } else if (op instanceof LayerOp.BatchNorm b) {
            rows.put("Features", Integer.toString(b.features()));
            rows.put("Epsilon", Format.value(b.eps()));
        } else if (op instanceof LayerOp.Reshape r) {
            rows.put("Target", r.target().toString());
        } else if (op instanceof LayerOp.Dropout d) {
            rows.put("Retain probability", String.format(Locale.US, "%.2f (identity at inference)", d.retainProbability()));
        }
        // Ops without an activation report identity; saying so would suggest a choice was made.
        if (!op.activation().isIdentity() || op instanceof LayerOp.Dense || op instanceof LayerOp.Output
                || op instanceof LayerOp.Conv2D) {
            rows.put("Activation", op.activation().toString());
        }
        return rows;
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }
}
