package io.zkml.workbench.importer;

import io.zkml.workbench.graph.LayerOp;
import io.zkml.workbench.graph.Node;
import io.zkml.workbench.graph.Shape;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.modelimport.keras.preprocessors.TensorFlowCnnToFeedForwardPreProcessor;

/**
 * Turns DL4J input preprocessors (which reshape between layers) into Flatten and Reshape nodes.
 */
final class PreprocessorConverter {

    /**
     * Adds the node for {@code pre} reading {@code input} and returns its name.
     *
     * @param baseName the layer or vertex the preprocessor belongs to; a suffix is appended
     *                 unless {@code exactName} is set (PreprocessorVertex keeps its own name)
     */
    String convert(GraphAssembly g, LayerRef ref, InputPreProcessor pre, String input, String baseName,
                   boolean exactName) throws ModelImportException {
        Shape in = g.shape(input);
        if (pre instanceof CnnToFeedForwardPreProcessor c) {
            String name = exactName ? baseName : baseName + "_flatten";
            Shape image = in.isImage() ? in
                    : Shape.chw((int) c.getNumChannels(), (int) c.getInputHeight(), (int) c.getInputWidth());
            if (image.size() != in.size()) {
                throw new ModelImportException(g.file(), ref, "flatten preprocessor expects " + image
                        + " but its input has shape " + in);
            }
            // Keras' TensorFlow preprocessor and NHWC-format flattening emit h-w-c order; see GraphAssembly.
            boolean channelsLast = pre instanceof TensorFlowCnnToFeedForwardPreProcessor
                    || c.getFormat() == CNN2DFormat.NHWC;
            g.add(new Node(name, new LayerOp.Flatten(), List.of(input), Shape.flat(in.size()), Map.of(),
                    pre.getClass().getName()), ref);
            if (channelsLast && image.isImage()) {
                g.setOrder(name, hwcIndexOfChw(image));
            }
            return name;
        }
        if (pre instanceof FeedForwardToCnnPreProcessor f) {
            String name = exactName ? baseName : baseName + "_reshape";
            Shape target = Shape.chw((int) f.getNumChannels(), (int) f.getInputHeight(), (int) f.getInputWidth());
            if (target.size() != in.size()) {
                throw new ModelImportException(g.file(), ref, "reshape preprocessor to " + target
                        + " does not fit its input of shape " + in);
            }
            if (g.order(input) != null) {
                throw new ModelImportException(g.file(), ref, "reshaping a channels-last flattened vector back"
                        + " into an image is not supported");
            }
            g.add(new Node(name, new LayerOp.Reshape(target), List.of(input), target, Map.of(),
                    pre.getClass().getName()), ref);
            return name;
        }
        throw new ModelImportException(g.file(), ref, "input preprocessor " + pre.getClass().getSimpleName()
                + " is not supported; supported preprocessors: CnnToFeedForwardPreProcessor (flatten),"
                + " FeedForwardToCnnPreProcessor (reshape) and Keras' channels-last flatten;"
                + " export a feed-forward or 2-D convolutional model");
    }

    /** For each channels-first flat index, the index the same value has in h-w-c order. */
    static int[] hwcIndexOfChw(Shape image) {
        int ch = image.channels(), h = image.height(), w = image.width();
        int[] order = new int[image.size()];
        for (int c = 0; c < ch; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    order[(c * h + y) * w + x] = (y * w + x) * ch + c;
                }
            }
        }
        return order;
    }
}
