package io.zkml.workbench.importer;

import io.zkml.workbench.graph.Shape;
import java.util.Optional;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;

/**
 * DL4J M2.1 does not keep the network's InputType in the saved configuration, so the input
 * shape is recovered from the first layer that reads it: its reshape preprocessor (set by
 * {@code InputType.convolutionalFlat}) or a feed-forward layer's nIn. A convolution reading the
 * raw input has no height/width on record, so that case needs a caller-supplied shape.
 */
final class InputShapeInference {

    private InputShapeInference() {
    }

    static Optional<Shape> fromConsumer(Layer consumer, InputPreProcessor pre) {
        if (pre instanceof FeedForwardToCnnPreProcessor f) {
            return Optional.of(Shape.flat((int) (f.getNumChannels() * f.getInputHeight() * f.getInputWidth())));
        }
        if (pre != null) {
            return Optional.empty();
        }
        Layer layer = consumer;
        if (layer instanceof FrozenLayer f) {
            layer = f.getLayer();
        } else if (layer instanceof FrozenLayerWithBackprop f) {
            layer = f.getUnderlying();
        }
        if (layer instanceof FeedForwardLayer ff && !(layer instanceof ConvolutionLayer) && ff.getNIn() > 0) {
            return Optional.of(Shape.flat((int) ff.getNIn()));
        }
        return Optional.empty();
    }

    static String missingMessage(String inputName) {
        return "cannot tell the shape of input '" + inputName + "': the first layer is convolutional and the model"
                + " does not record the image height and width; build the network with"
                + " setInputType(InputType.convolutionalFlat(height, width, channels)) and save it again";
    }
}
