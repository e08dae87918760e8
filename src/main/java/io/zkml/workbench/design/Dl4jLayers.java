package io.zkml.workbench.design;

import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.graph.Activation;
import io.zkml.workbench.graph.LayerOp;
import io.zkml.workbench.graph.Node;
import io.zkml.workbench.graph.Padding;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationHardSigmoid;
import org.nd4j.linalg.activations.impl.ActivationHardTanH;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import java.util.Locale;

/** One graph node as the DL4J layer configuration the importer would turn back into the same node. */
final class Dl4jLayers {

    private Dl4jLayers() {
    }

    /**
     * @param last the network's final layer, which DL4J trains through an OutputLayer even when
     *             the graph (e.g. from Keras) calls it Dense
     */
    static Layer layer(Node n, boolean last) {
        return n.op().accept(new Builder(n, last));
    }

    /**
     * The DL4J layer of one node, through the op visitor: a new op does not compile until design
     * mode says whether (and how) it can be retrained.
     */
    private static final class Builder implements LayerOp.Visitor<Layer> {
        private final Node n;
        private final boolean last;

        Builder(Node n, boolean last) {
            this.n = n;
            this.last = last;
        }

        /** Only Dense and Output layers can end a network DL4J trains. */
        private void requireNotLast() {
            if (last) {
                throw new WorkbenchException("The network ends in " + n.name() + " (" + n.typeName() + "); to be trained"
                        + " it must end in a Dense or Output layer");
            }
        }

        private Layer cannotRebuild() {
            requireNotLast();
            throw new WorkbenchException(n.name() + " (" + n.typeName() + ") cannot be rebuilt as a DL4J layer;"
                    + " design mode retrains chains of Dense, Output, Conv2D, pooling, BatchNorm, Activation and"
                    + " Dropout layers");
        }

        @Override
        public Layer output(LayerOp.Output o) {
            return Dl4jLayers.output(n, o.nIn(), o.nOut(), o.hasBias(), o.activation(), o.loss());
        }

        @Override
        public Layer dense(LayerOp.Dense d) {
            if (last) {
                return Dl4jLayers.output(n, d.nIn(), d.nOut(), d.hasBias(), d.activation(), "");
            }
            return new DenseLayer.Builder().name(n.name()).nIn(d.nIn()).nOut(d.nOut()).hasBias(d.hasBias())
                    .activation(activation(d.activation())).build();
        }

        @Override
        public Layer conv2d(LayerOp.Conv2D c) {
            requireNotLast();
            ConvolutionLayer.Builder b = new ConvolutionLayer.Builder(c.kernelH(), c.kernelW());
            b.stride(c.strideH(), c.strideW());
            b.convolutionMode(mode(n, c.padding()));
            b.padding(pads(c.padding()));
            b.nIn(c.inChannels());
            b.nOut(c.outChannels());
            b.hasBias(c.hasBias());
            b.activation(activation(c.activation()));
            b.name(n.name());
            return b.build();
        }

        @Override
        public Layer pool2d(LayerOp.Pool2D p) {
            requireNotLast();
            SubsamplingLayer.Builder b = new SubsamplingLayer.Builder(p.kind() == LayerOp.PoolKind.MAX
                    ? SubsamplingLayer.PoolingType.MAX : SubsamplingLayer.PoolingType.AVG);
            b.kernelSize(p.kernelH(), p.kernelW());
            b.stride(p.strideH(), p.strideW());
            b.convolutionMode(mode(n, p.padding()));
            b.padding(pads(p.padding()));
            b.avgPoolIncludePadInDivisor(p.padIncludedInAverage());
            b.name(n.name());
            return b.build();
        }

        @Override
        public Layer batchNorm(LayerOp.BatchNorm bn) {
            requireNotLast();
            // Plain variance (not DL4J's default log10 std) so the graph's std maps onto one parameter.
            return new BatchNormalization.Builder().name(n.name()).nIn(bn.features()).nOut(bn.features())
                    .eps(bn.eps()).useLogStd(false).build();
        }

        @Override
        public Layer act(LayerOp.Act a) {
            requireNotLast();
            return new ActivationLayer.Builder().name(n.name()).activation(activation(a.activation())).build();
        }

        @Override
        public Layer dropout(LayerOp.Dropout d) {
            requireNotLast();
            return new DropoutLayer.Builder(d.retainProbability()).name(n.name()).build();
        }

        @Override
        public Layer input(LayerOp.Input op) {
            return cannotRebuild();
        }

        @Override
        public Layer flatten(LayerOp.Flatten op) {
            return cannotRebuild();
        }

        @Override
        public Layer reshape(LayerOp.Reshape op) {
            return cannotRebuild();
        }

        @Override
        public Layer add(LayerOp.ElementwiseAdd op) {
            return cannotRebuild();
        }
    }

    private static Layer output(Node n, int nIn, int nOut, boolean bias, Activation act, String loss) {
        return new OutputLayer.Builder(lossFor(loss, act)).name(n.name()).nIn(nIn).nOut(nOut).hasBias(bias)
                .activation(activation(act)).build();
    }

    /** The recorded loss when DL4J names it plainly ("LossMCXENT()"), else the usual one for the activation. */
    static LossFunction lossFor(String recorded, Activation act) {
        String key = recorded.replace("Loss", "").replace("()", "").toUpperCase(Locale.ROOT);
        for (LossFunction f : LossFunction.values()) {
            if (f.name().equals(key)) {
                return f;
            }
        }
        return switch (act.kind()) {
            case SOFTMAX -> LossFunction.MCXENT;
            case SIGMOID -> LossFunction.XENT;
            default -> LossFunction.MSE;
        };
    }

    private static ConvolutionMode mode(Node n, Padding p) {
        if (p.mode() == Padding.Mode.SAME) {
            return ConvolutionMode.Same;
        }
        if (p.top() != p.bottom() || p.left() != p.right()) {
            throw new WorkbenchException(n.name() + " has uneven padding " + p + "; DL4J layers pad both sides equally");
        }
        return ConvolutionMode.Truncate;
    }

    private static int[] pads(Padding p) {
        return p.mode() == Padding.Mode.SAME ? new int[] {0, 0} : new int[] {p.top(), p.left()};
    }

    static IActivation activation(Activation a) {
        return switch (a.kind()) {
            case IDENTITY -> new ActivationIdentity();
            case RELU -> new ActivationReLU();
            case LEAKY_RELU -> new ActivationLReLU(a.alpha());
            case HARD_TANH -> new ActivationHardTanH();
            case HARD_SIGMOID -> new ActivationHardSigmoid();
            case SIGMOID -> new ActivationSigmoid();
            case TANH -> new ActivationTanH();
            case SOFTMAX -> new ActivationSoftmax();
        };
    }
}
