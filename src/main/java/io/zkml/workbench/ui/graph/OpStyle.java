package io.zkml.workbench.ui.graph;

import io.zkml.workbench.graph.LayerOp;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignG;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignV;

/**
 * How each kind of layer looks: an icon and a CSS family class, so a user can tell linear
 * layers (the expensive part of a circuit) from cheap reshaping at a glance.
 */
public record OpStyle(Ikon icon, String family) {

    /** Through the op visitor, so a new op does not compile until it has a look of its own. */
    public static OpStyle of(LayerOp op) {
        return op.accept(new LayerOp.Visitor<>() {
            @Override
            public OpStyle input(LayerOp.Input o) {
                return new OpStyle(MaterialDesignL.LOGIN, "op-io");
            }

            @Override
            public OpStyle output(LayerOp.Output o) {
                return new OpStyle(MaterialDesignF.FLAG_CHECKERED, "op-io");
            }

            @Override
            public OpStyle dense(LayerOp.Dense o) {
                return new OpStyle(MaterialDesignV.VECTOR_POLYLINE, "op-linear");
            }

            @Override
            public OpStyle conv2d(LayerOp.Conv2D o) {
                return new OpStyle(MaterialDesignG.GRID, "op-linear");
            }

            @Override
            public OpStyle pool2d(LayerOp.Pool2D o) {
                return new OpStyle(MaterialDesignA.ARROW_COLLAPSE_ALL, "op-pool");
            }

            @Override
            public OpStyle batchNorm(LayerOp.BatchNorm o) {
                return new OpStyle(MaterialDesignS.SCALE_BALANCE, "op-norm");
            }

            @Override
            public OpStyle act(LayerOp.Act o) {
                return new OpStyle(MaterialDesignS.SINE_WAVE, "op-act");
            }

            @Override
            public OpStyle flatten(LayerOp.Flatten o) {
                return new OpStyle(MaterialDesignA.ARROW_COLLAPSE_VERTICAL, "op-shape");
            }

            @Override
            public OpStyle reshape(LayerOp.Reshape o) {
                return new OpStyle(MaterialDesignR.RESIZE, "op-shape");
            }

            @Override
            public OpStyle add(LayerOp.ElementwiseAdd o) {
                return new OpStyle(MaterialDesignP.PLUS_CIRCLE_OUTLINE, "op-merge");
            }

            @Override
            public OpStyle dropout(LayerOp.Dropout o) {
                return new OpStyle(MaterialDesignD.DOTS_HORIZONTAL_CIRCLE_OUTLINE, "op-shape");
            }
        });
    }
}
