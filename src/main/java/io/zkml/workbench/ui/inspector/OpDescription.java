package io.zkml.workbench.ui.inspector;

import io.zkml.workbench.ui.format.Format;

import io.zkml.workbench.graph.LayerOp;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The configuration of a layer as label/value rows for the inspector. */
public final class OpDescription {

    private OpDescription() {
    }

    public static Map<String, String> of(LayerOp op) {
        Rows rows = new Rows();
        boolean activationIsAChoice = op.accept(rows);
        // Ops without an activation report identity; saying so would suggest a choice was made.
        if (activationIsAChoice || !op.activation().isIdentity()) {
            rows.put("Activation", op.activation().toString());
        }
        return rows.rows;
    }

    /**
     * Fills an op's rows through the op visitor (a new op does not compile until the inspector
     * describes it); each method answers whether the op's activation is a choice of the layer.
     */
    private static final class Rows implements LayerOp.Visitor<Boolean> {
        private final Map<String, String> rows = new LinkedHashMap<>();

        private void put(String label, String value) {
            rows.put(label, value);
        }

        @Override
        public Boolean input(LayerOp.Input in) {
            put("Input shape", in.shape().toString());
            return false;
        }

        @Override
        public Boolean dense(LayerOp.Dense d) {
            put("Units", d.nIn() + " → " + d.nOut());
            put("Bias", yesNo(d.hasBias()));
            return true;
        }

        @Override
        public Boolean output(LayerOp.Output o) {
            put("Units", o.nIn() + " → " + o.nOut());
            put("Bias", yesNo(o.hasBias()));
            put("Loss (training only)", o.loss());
            return true;
        }

        @Override
        public Boolean conv2d(LayerOp.Conv2D c) {
            put("Channels", c.inChannels() + " → " + c.outChannels());
            put("Kernel", c.kernelH() + "×" + c.kernelW());
            put("Stride", c.strideH() + "×" + c.strideW());
            put("Padding", c.padding().toString());
            put("Bias", yesNo(c.hasBias()));
            return true;
        }

        @Override
        public Boolean pool2d(LayerOp.Pool2D p) {
            put("Kernel", p.kernelH() + "×" + p.kernelW());
            put("Stride", p.strideH() + "×" + p.strideW());
            put("Padding", p.padding().toString());
            if (p.kind() == LayerOp.PoolKind.AVG) {
                put("Padding in average", yesNo(p.padIncludedInAverage()));
            }
            return false;
        }

        @Override
        public Boolean batchNorm(LayerOp.BatchNorm b) {
            put("Features", Integer.toString(b.features()));
            put("Epsilon", Format.value(b.eps()));
            return false;
        }

        @Override
        public Boolean act(LayerOp.Act op) {
            return false; // the rule in of() shows its activation whenever it is not identity
        }

        @Override
        public Boolean flatten(LayerOp.Flatten op) {
            return false;
        }

        @Override
        public Boolean reshape(LayerOp.Reshape r) {
            put("Target", r.target().toString());
            return false;
        }

        @Override
        public Boolean add(LayerOp.ElementwiseAdd op) {
            return false;
        }

        @Override
        public Boolean dropout(LayerOp.Dropout d) {
            put("Retain probability", String.format(Locale.US, "%.2f (identity at inference)", d.retainProbability()));
            return false;
        }
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }
}
