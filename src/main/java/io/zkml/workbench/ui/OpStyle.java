package io.zkml.workbench.ui;

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

    public static OpStyle of(LayerOp op) {
        if (op instanceof LayerOp.Input) {
            return new OpStyle(MaterialDesignL.LOGIN, "op-io");
        } else if (op instanceof LayerOp.Output) {
            return new OpStyle(MaterialDesignF.FLAG_CHECKERED, "op-io");
        } else if (op instanceof LayerOp.Dense) {
            return new OpStyle(MaterialDesignV.VECTOR_POLYLINE, "op-linear");
        } else if (op instanceof LayerOp.Conv2D) {
            return new OpStyle(MaterialDesignG.GRID, "op-linear");
        } else if (op instanceof LayerOp.Pool2D) {
            return new OpStyle(MaterialDesignA.ARROW_COLLAPSE_ALL, "op-pool");
        } else if (op instanceof LayerOp.BatchNorm) {
            return new OpStyle(MaterialDesignS.SCALE_BALANCE, "op-norm");
        } else if (op instanceof LayerOp.Act) {
            return new OpStyle(MaterialDesignS.SINE_WAVE, "op-act");
        } else if (op instanceof LayerOp.Flatten) {
            return new OpStyle(MaterialDesignA.ARROW_COLLAPSE_VERTICAL, "op-shape");
        } else if (op instanceof LayerOp.Reshape) {
            return new OpStyle(MaterialDesignR.RESIZE, "op-shape");
        } else if (op instanceof LayerOp.ElementwiseAdd) {
            return new OpStyle(MaterialDesignP.PLUS_CIRCLE_OUTLINE, "op-merge");
        } else {
            return new OpStyle(MaterialDesignD.DOTS_HORIZONTAL_CIRCLE_OUTLINE, "op-shape");
        }
    }
}
