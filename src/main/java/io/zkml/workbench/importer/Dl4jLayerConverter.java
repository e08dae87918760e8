package io.zkml.workbench.importer;

import io.zkml.workbench.graph.Activation;
import io.zkml.workbench.graph.LayerOp;
import io.zkml.workbench.graph.Node;
import io.zkml.workbench.graph.Padding;
import io.zkml.workbench.graph.Shape;
import io.zkml.workbench.graph.Tensor;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.Convolution2D;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Converts one DL4J layer configuration plus its parameters into a graph node, checking that the
 * configuration is one the graph model (and so the generated circuit) can represent exactly.
 */
final class Dl4jLayerConverter {

    /** From the one table of supported ops (graph.LayerKind). */
    static final String SUPPORTED_LAYERS = io.zkml.workbench.graph.LayerKind.importedList();

    /** Adds the node for {@code layer} reading {@code input}, named {@code name}; returns the name. */
    String convert(GraphAssembly g, LayerRef ref, Layer layer, Map<String, INDArray> params, String input,
                   String name) throws ModelImportException {
        Layer conf = unwrapFrozen(layer);
        Shape in = g.shape(input);
        Path file = g.file();
        if (conf.getClass() == DenseLayer.class) {
            DenseLayer d = (DenseLayer) conf;
            if (d.isHasLayerNorm()) {
                throw new ModelImportException(file, ref, "Dense with layer normalisation is not supported;"
                        + " retrain without hasLayerNorm");
            }
            requireFlat(g, ref, in, (int) d.getNIn());
            LayerOp op = new LayerOp.Dense((int) d.getNIn(), (int) d.getNOut(), d.hasBias(),
                    ActivationMapper.map(d.getActivationFn(), file, ref));
            return addDense(g, ref, op, name, input, (int) d.getNIn(), (int) d.getNOut(), d.hasBias(), params, conf);
        }
        if (conf.getClass() == OutputLayer.class) {
            OutputLayer o = (OutputLayer) conf;
            requireFlat(g, ref, in, (int) o.getNIn());
            String loss = o.getLossFn() == null ? "none" : o.getLossFn().name();
            LayerOp op = new LayerOp.Output((int) o.getNIn(), (int) o.getNOut(), o.hasBias(),
                    ActivationMapper.map(o.getActivationFn(), file, ref), loss);
            return addDense(g, ref, op, name, input, (int) o.getNIn(), (int) o.getNOut(), o.hasBias(), params, conf);
        }
        if (conf.getClass() == ConvolutionLayer.class || conf.getClass() == Convolution2D.class) {
            return conv((ConvolutionLayer) conf, g, ref, params, input, name);
        }
        if (conf.getClass() == SubsamplingLayer.class) {
            return pool((SubsamplingLayer) conf, g, ref, input, name);
        }
        if (conf.getClass() == BatchNormalization.class) {
            return batchNorm((BatchNormalization) conf, g, ref, params, input, name);
        }
        if (conf.getClass() == ActivationLayer.class) {
            Activation a = ActivationMapper.map(((ActivationLayer) conf).getActivationFn(), file, ref);
            return addPassThrough(g, ref, new LayerOp.Act(a), name, input, conf, a.kind() != Activation.Kind.SOFTMAX);
        }
        if (conf.getClass() == LossLayer.class) {
            return lossLayer((LossLayer) conf, g, ref, input, name);
        }
        if (conf.getClass() == DropoutLayer.class) {
            return addPassThrough(g, ref, new LayerOp.Dropout(retainProbability(conf.getIDropout())), name, input,
                    conf, true);
        }
        throw unsupported(file, ref, conf);
    }

    /**
     * Rejects unsupported layer types up front, so the message is about the layer itself rather
     * than about the preprocessor DL4J put in front of it (e.g. FeedForwardToRnn before an LSTM).
     */
    void requireSupported(Path file, LayerRef ref, Layer layer) throws ModelImportException {
        Class<?> c = unwrapFrozen(layer).getClass();
        boolean supported = c == DenseLayer.class || c == OutputLayer.class || c == ConvolutionLayer.class
                || c == Convolution2D.class || c == SubsamplingLayer.class || c == BatchNormalization.class
                || c == ActivationLayer.class || c == DropoutLayer.class || c == LossLayer.class;
        if (!supported) {
            throw unsupported(file, ref, unwrapFrozen(layer));
        }
    }

    private static Layer unwrapFrozen(Layer layer) {
        // Frozen layers only stop training; at inference they are the wrapped layer.
        if (layer instanceof FrozenLayer f) {
            return unwrapFrozen(f.getLayer());
        }
        if (layer instanceof FrozenLayerWithBackprop f) {
            return unwrapFrozen(f.getUnderlying());
        }
        return layer;
    }

    static ModelImportException unsupported(Path file, LayerRef ref, Layer conf) {
        String simple = conf.getClass().getSimpleName();
        String what;
        String todo;
        if (conf instanceof BaseRecurrentLayer || conf instanceof Bidirectional || conf instanceof LastTimeStep
                || simple.contains("LSTM") || simple.contains("Rnn") || simple.contains("GRU")) {
            what = "recurrent layers are not supported";
            todo = "replace the " + simple + " or export a feed-forward model";
        } else if (conf instanceof Convolution3D || simple.contains("3D")) {
            what = "3-D layers are not supported";
            todo = "use 2-D convolutions (Convolution2D) on [channels, height, width] input";
        } else if (conf instanceof DepthwiseConvolution2D || conf instanceof SeparableConvolution2D) {
            what = "depthwise/separable convolution is not supported";
            todo = "use a regular Convolution2D layer";
        } else if (conf instanceof Deconvolution2D) {
            what = "transposed convolution (Deconvolution2D) is not supported";
            todo = "use Convolution2D and Subsampling layers";
        } else if (conf instanceof Convolution1DLayer || simple.contains("1D")) {
            what = "1-D layers are not supported";
            todo = "use 2-D convolutions on a [channels, height, width] input";
        } else {
            what = "layer type " + simple + " is not supported";
            todo = "replace the " + simple + " with a supported layer";
        }
        return new ModelImportException(file, ref, what + "; supported layers: " + SUPPORTED_LAYERS + "; " + todo);
    }

    private String addDense(GraphAssembly g, LayerRef ref, LayerOp op, String name, String input, int nIn, int nOut,
                            boolean hasBias, Map<String, INDArray> params, Layer conf) throws ModelImportException {
        float[] w = values(g, ref, params, "W", nIn * nOut);
        int[] order = g.order(input);
        if (order != null) {
            // The input arrives channels-first while DL4J's weight rows follow the channels-last flatten.
            float[] permuted = new float[w.length];
            for (int row = 0; row < nIn; row++) {
                System.arraycopy(w, order[row] * nOut, permuted, row * nOut, nOut);
            }
            w = permuted;
        }
        Map<String, Tensor> p = new HashMap<>();
        p.put("W", new Tensor(new int[] {nIn, nOut}, w));
        if (hasBias) {
            p.put("b", Tensor.vector(values(g, ref, params, "b", nOut)));
        }
        g.add(new Node(name, op, List.of(input), Shape.flat(nOut), p, conf.getClass().getName()), ref);
        return name;
    }

    private String conv(ConvolutionLayer c, GraphAssembly g, LayerRef ref, Map<String, INDArray> params,
                        String input, String name) throws ModelImportException {
        Path file = g.file();
        requireUnitDilation(file, ref, c.getDilation());
        Shape in = requireImage(g, ref, input, (int) c.getNIn());
        Padding padding = padding(file, ref, c.getConvolutionMode(), c.getPadding());
        int[] k = c.getKernelSize();
        int[] s = c.getStride();
        LayerOp.Conv2D op = new LayerOp.Conv2D((int) c.getNIn(), (int) c.getNOut(), k[0], k[1], s[0], s[1], padding,
                c.hasBias(), ActivationMapper.map(c.getActivationFn(), file, ref));
        Shape out = spatialOut(file, ref, in, (int) c.getNOut(), k, s, padding);
        Map<String, Tensor> p = new HashMap<>();
        int wSize = op.outChannels() * op.inChannels() * k[0] * k[1];
        p.put("W", new Tensor(new int[] {op.outChannels(), op.inChannels(), k[0], k[1]},
                values(g, ref, params, "W", wSize)));
        if (c.hasBias()) {
            p.put("b", Tensor.vector(values(g, ref, params, "b", op.outChannels())));
        }
        g.add(new Node(name, op, List.of(input), out, p, c.getClass().getName()), ref);
        return name;
    }

    private String pool(SubsamplingLayer s, GraphAssembly g, LayerRef ref, String input, String name)
            throws ModelImportException {
        Path file = g.file();
        requireUnitDilation(file, ref, s.getDilation());
        LayerOp.PoolKind kind;
        if (s.getPoolingType() == PoolingType.MAX) {
            kind = LayerOp.PoolKind.MAX;
        } else if (s.getPoolingType() == PoolingType.AVG) {
            kind = LayerOp.PoolKind.AVG;
        } else {
            throw new ModelImportException(file, ref, s.getPoolingType() + " pooling is not supported;"
                    + " use MAX or AVG subsampling");
        }
        Shape in = requireImage(g, ref, input, -1);
        Padding padding = padding(file, ref, s.getConvolutionMode(), s.getPadding());
        int[] k = s.getKernelSize();
        int[] st = s.getStride();
        LayerOp.Pool2D op = new LayerOp.Pool2D(kind, k[0], k[1], st[0], st[1], padding,
                s.isAvgPoolIncludePadInDivisor());
        Shape out = spatialOut(file, ref, in, in.channels(), k, st, padding);
        g.add(new Node(name, op, List.of(input), out, Map.of(), s.getClass().getName()), ref);
        return name;
    }

    private String batchNorm(BatchNormalization bn, GraphAssembly g, LayerRef ref, Map<String, INDArray> params,
                             String input, String name) throws ModelImportException {
        Shape in = g.shape(input);
        int features = (int) bn.getNOut();
        int inFeatures = in.isImage() ? in.channels() : in.size();
        if (features != inFeatures) {
            throw new ModelImportException(g.file(), ref, "BatchNormalization has " + features
                    + " features but its input has shape " + in);
        }
        if (!in.isImage() && g.order(input) != null) {
            throw new ModelImportException(g.file(), ref, "BatchNormalization directly after a channels-last"
                    + " flatten is not supported; place it before the flatten");
        }
        float[] gamma;
        float[] beta;
        if (bn.isLockGammaBeta()) {
            // Locked gamma/beta are configuration constants, not parameters.
            gamma = filled(features, bn.getGamma());
            beta = filled(features, bn.getBeta());
        } else {
            gamma = values(g, ref, params, BatchNormalizationParamInitializer.GAMMA, features);
            beta = values(g, ref, params, BatchNormalizationParamInitializer.BETA, features);
        }
        float[] mean = values(g, ref, params, BatchNormalizationParamInitializer.GLOBAL_MEAN, features);
        float[] var;
        if (bn.isUseLogStd()) {
            // DL4J stores log10(std) and recovers var = (10^log10std)^2 before adding eps.
            float[] log10std = values(g, ref, params, BatchNormalizationParamInitializer.GLOBAL_LOG_STD, features);
            var = new float[features];
            for (int i = 0; i < features; i++) {
                double s = Math.pow(10.0, log10std[i]);
                var[i] = (float) (s * s);
            }
        } else {
            var = values(g, ref, params, BatchNormalizationParamInitializer.GLOBAL_VAR, features);
        }
        float[] std = new float[features];
        for (int i = 0; i < features; i++) {
            std[i] = (float) Math.sqrt((double) var[i] + bn.getEps());
        }
        Map<String, Tensor> p = Map.of("gamma", Tensor.vector(gamma), "beta", Tensor.vector(beta),
                "mean", Tensor.vector(mean), "std", Tensor.vector(std));
        g.add(new Node(name, new LayerOp.BatchNorm(features, bn.getEps()), List.of(input), in, p,
                bn.getClass().getName()), ref);
        return name;
    }

    /**
     * Element-wise nodes keep the input's shape and (unless softmax mixes positions, where a
     * permuted order would still be fine but is unusual enough to refuse) its flat order.
     */
    private String addPassThrough(GraphAssembly g, LayerRef ref, LayerOp op, String name, String input, Layer conf,
                                  boolean keepsOrder) throws ModelImportException {
        if (!keepsOrder && g.order(input) != null) {
            throw new ModelImportException(g.file(), ref, op.typeName() + " directly after a channels-last"
                    + " flatten is not supported");
        }
        g.add(new Node(name, op, List.of(input), g.shape(input), Map.of(), conf.getClass().getName()), ref);
        g.setOrder(name, g.order(input));
        return name;
    }

    /**
     * DL4J's LossLayer applies its activation at inference and its loss only in training (Keras
     * models exported through DL4J end in one: Dense(softmax) + LossLayer(identity)). With an
     * identity activation it is a no-op and gets no node; a Dense before it is then exactly the
     * Output layer it stands for at inference, so it becomes one that records the loss and the
     * dropped layer (what {@code inspect} shows). Any other activation acts as an ActivationLayer.
     */
    private String lossLayer(LossLayer l, GraphAssembly g, LayerRef ref, String input, String name)
            throws ModelImportException {
        Activation a = ActivationMapper.map(l.getActivationFn(), g.file(), ref);
        if (a.kind() != Activation.Kind.IDENTITY) {
            return addPassThrough(g, ref, new LayerOp.Act(a), name, input, l, a.kind() != Activation.Kind.SOFTMAX);
        }
        String loss = (l.getLossFn() == null ? "none" : l.getLossFn().name()) + " of LossLayer " + name
                + " (identity at inference, no node)";
        Node prev = g.node(input);
        if (prev.op() instanceof LayerOp.Dense d) {
            g.replace(new Node(prev.name(), new LayerOp.Output(d.nIn(), d.nOut(), d.hasBias(), d.activation(), loss),
                    prev.inputs(), prev.outputShape(), prev.params(), prev.sourceClass()));
        } else if (prev.op() instanceof LayerOp.Output o) {
            g.replace(new Node(prev.name(), new LayerOp.Output(o.nIn(), o.nOut(), o.hasBias(), o.activation(),
                    o.loss() + "; " + loss), prev.inputs(), prev.outputShape(), prev.params(), prev.sourceClass()));
        }
        return input;
    }

    private static double retainProbability(IDropout d) {
        if (d instanceof org.deeplearning4j.nn.conf.dropout.Dropout dropout) {
            return dropout.getP();
        }
        // Other dropout variants (Gaussian, alpha, spatial) are likewise identity at inference.
        return 1.0;
    }

    private static Padding padding(Path file, LayerRef ref, ConvolutionMode mode, int[] pad)
            throws ModelImportException {
        if (mode == ConvolutionMode.Same) {
            return Padding.SAME;
        }
        if (mode == ConvolutionMode.Truncate || mode == ConvolutionMode.Strict || mode == null) {
            return Padding.explicit(pad[0], pad[1]);
        }
        throw new ModelImportException(file, ref, "convolution mode " + mode + " is not supported;"
                + " use Same, Truncate or Strict");
    }

    private static void requireUnitDilation(Path file, LayerRef ref, int[] dilation) throws ModelImportException {
        if (dilation != null) {
            for (int d : dilation) {
                if (d != 1) {
                    throw new ModelImportException(file, ref, "dilation " + java.util.Arrays.toString(dilation)
                            + " is not supported; only dilation 1 (ordinary convolution/pooling) is");
                }
            }
        }
    }

    private static Shape spatialOut(Path file, LayerRef ref, Shape in, int channels, int[] k, int[] s,
                                    Padding padding) throws ModelImportException {
        int h = padding.outputAndPadBefore(in.height(), k[0], s[0], true)[0];
        int w = padding.outputAndPadBefore(in.width(), k[1], s[1], false)[0];
        if (h <= 0 || w <= 0) {
            throw new ModelImportException(file, ref, "kernel " + k[0] + "x" + k[1] + " does not fit the input "
                    + in + "; the output would be empty");
        }
        return Shape.chw(channels, h, w);
    }

    private static void requireFlat(GraphAssembly g, LayerRef ref, Shape in, int nIn) throws ModelImportException {
        if (in.isImage() || in.size() != nIn) {
            throw new ModelImportException(g.file(), ref, "expects a flat input of " + nIn + " values but receives "
                    + in + (in.isImage() ? "; an image needs a flatten (CnnToFeedForwardPreProcessor) first" : ""));
        }
    }

    private static Shape requireImage(GraphAssembly g, LayerRef ref, String input, int channels)
            throws ModelImportException {
        Shape in = g.shape(input);
        if (!in.isImage() || (channels > 0 && in.channels() != channels)) {
            throw new ModelImportException(g.file(), ref, "expects an image input"
                    + (channels > 0 ? " with " + channels + " channels" : "") + " but receives " + in
                    + "; set the network's InputType (e.g. InputType.convolutionalFlat) when building it");
        }
        return in;
    }

    private static float[] values(GraphAssembly g, LayerRef ref, Map<String, INDArray> params, String key,
                                  int expected) throws ModelImportException {
        INDArray a = params.get(key);
        if (a == null) {
            throw new ModelImportException(g.file(), ref, "parameter '" + key + "' is missing from the saved model");
        }
        if (a.length() != expected) {
            throw new ModelImportException(g.file(), ref, "parameter '" + key + "' has " + a.length()
                    + " values, expected " + expected);
        }
        // 'c' order matches Tensor's row-major layout whatever the array's own ordering.
        return org.nd4j.linalg.factory.Nd4j.toFlattened('c', a).toFloatVector();
    }

    private static float[] filled(int n, double v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, (float) v);
        return a;
    }
}
