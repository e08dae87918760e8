package io.zkml.workbench.importer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkml.workbench.graph.Activation;
import io.zkml.workbench.graph.LayerOp;
import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.graph.Shape;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.KerasModelImport;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Keras .h5 files written in the test, imported, and compared with DL4J's own Keras import. */
class KerasImportTest {

    private static final int BATCH = 6;

    @TempDir
    Path dir;

    private final ModelImporter importer = new ModelImporter();
    private final Random random = new Random(11);

    private float[] randoms(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (random.nextGaussian() * 0.5);
        }
        return a;
    }

    static String dense(String name, int units, String activation, String extra) {
        return "{\"class_name\":\"Dense\",\"name\":\"" + name + "\",\"config\":{\"name\":\"" + name + "\"," + extra
                + "\"units\":" + units + ",\"activation\":\"" + activation + "\",\"use_bias\":true,"
                + "\"kernel_initializer\":{\"class_name\":\"GlorotUniform\",\"config\":{}},"
                + "\"bias_initializer\":{\"class_name\":\"Zeros\",\"config\":{}}}";
    }

    private static String inbound(String... from) {
        StringBuilder sb = new StringBuilder(",\"inbound_nodes\":[[");
        for (int i = 0; i < from.length; i++) {
            sb.append(i > 0 ? "," : "").append("[\"").append(from[i]).append("\",0,0,{}]");
        }
        return sb.append("]]}").toString();
    }

    private static final String VERSION = ",\"keras_version\":\"2.2.4\",\"backend\":\"tensorflow\"}";

    private void denseWeights(KerasH5Writer w, String layer, int nIn, int nOut) {
        w.weight(layer, "kernel", new long[] {nIn, nOut}, randoms(nIn * nOut));
        w.weight(layer, "bias", new long[] {nOut}, randoms(nOut));
    }

    private INDArray input(int features) {
        Nd4j.getRandom().setSeed(5);
        return Nd4j.randn(DataType.FLOAT, BATCH, features);
    }

    @Test
    void sequentialDenseDenseMatchesDl4jKerasImport() throws Exception {
        String config = "{\"class_name\":\"Sequential\",\"config\":{\"name\":\"seq\",\"layers\":["
                + dense("hidden", 5, "relu", "\"batch_input_shape\":[null,4],") + "},"
                + dense("probs", 3, "softmax", "") + "}]}" + VERSION;
        KerasH5Writer w = new KerasH5Writer();
        denseWeights(w, "hidden", 4, 5);
        denseWeights(w, "probs", 5, 3);
        Path file = dir.resolve("seq.h5");
        w.write(file, config);

        ModelGraph g = importer.importModel(file);
        MultiLayerNetwork reference = KerasModelImport.importKerasSequentialModelAndWeights(file.toString(), false);

        assertEquals(ModelGraph.SourceKind.KERAS_SEQUENTIAL, g.sourceKind());
        assertEquals(Shape.flat(4), g.inputShape());
        assertEquals(Activation.RELU, g.node("hidden").op().activation());
        assertEquals(Activation.SOFTMAX, g.node("probs").op().activation());
        // The kernel went through DL4J unchanged ([nIn, nOut] in both).
        assertArrayEquals(reference.getLayer(0).getParam("W").dup('c').data().asFloat(),
                g.node("hidden").requireParam("W").toArray());
        INDArray x = input(4);
        Map<String, INDArray> expected = Dl4jComparison.byLayerName(reference.feedForward(x, false),
                List.of("hidden", "probs"));
        assertEquals(BATCH * 3, Dl4jComparison.assertMatches(g, x, expected, false));
    }

    @Test
    void functionalBranchWithAddMatchesDl4jKerasImport() throws Exception {
        String config = "{\"class_name\":\"Model\",\"config\":{\"name\":\"fn\",\"layers\":["
                + "{\"class_name\":\"InputLayer\",\"name\":\"features\",\"config\":{\"name\":\"features\","
                + "\"batch_input_shape\":[null,6],\"dtype\":\"float32\"},\"inbound_nodes\":[]},"
                + dense("left", 4, "tanh", "") + inbound("features") + ","
                + dense("right", 4, "sigmoid", "") + inbound("features") + ","
                + "{\"class_name\":\"Add\",\"name\":\"sum\",\"config\":{\"name\":\"sum\"}" + inbound("left", "right")
                + "," + dense("out", 2, "linear", "") + inbound("sum")
                + "],\"input_layers\":[[\"features\",0,0]],\"output_layers\":[[\"out\",0,0]]}" + VERSION;
        KerasH5Writer w = new KerasH5Writer();
        denseWeights(w, "left", 6, 4);
        denseWeights(w, "right", 6, 4);
        denseWeights(w, "out", 4, 2);
        Path file = dir.resolve("functional.keras-model");
        w.write(file, config);

        ModelGraph g = importer.importModel(file);
        ComputationGraph reference = KerasModelImport.importKerasModelAndWeights(file.toString(), false);

        assertEquals(ModelGraph.SourceKind.KERAS_FUNCTIONAL, g.sourceKind());
        assertEquals(Shape.flat(6), g.inputShape());
        assertInstanceOf(LayerOp.ElementwiseAdd.class, g.node("sum").op());
        assertEquals(List.of("out"), g.outputs());
        INDArray x = input(6);
        Map<String, INDArray> expected = reference.feedForward(x, false);
        int checks = Dl4jComparison.assertMatches(g, x, expected, false);
        assertTrue(checks >= BATCH * 5, "checked " + checks);
    }

    @Test
    void channelsLastCnnFlattenMatchesDl4jKerasImport() throws Exception {
        String conv = "{\"class_name\":\"Conv2D\",\"name\":\"conv\",\"config\":{\"name\":\"conv\","
                + "\"batch_input_shape\":[null,6,5,2],\"filters\":3,\"kernel_size\":[3,3],\"strides\":[1,1],"
                + "\"padding\":\"same\",\"data_format\":\"channels_last\",\"dilation_rate\":[1,1],"
                + "\"activation\":\"relu\",\"use_bias\":true,"
                + "\"kernel_initializer\":{\"class_name\":\"GlorotUniform\",\"config\":{}},"
                + "\"bias_initializer\":{\"class_name\":\"Zeros\",\"config\":{}}}}";
        String pool = "{\"class_name\":\"MaxPooling2D\",\"name\":\"pool\",\"config\":{\"name\":\"pool\","
                + "\"pool_size\":[2,2],\"strides\":[2,2],\"padding\":\"valid\",\"data_format\":\"channels_last\"}}";
        String flat = "{\"class_name\":\"Flatten\",\"name\":\"flat\",\"config\":{\"name\":\"flat\","
                + "\"data_format\":\"channels_last\"}}";
        String config = "{\"class_name\":\"Sequential\",\"config\":{\"name\":\"cnn\",\"layers\":[" + conv + ","
                + pool + "," + flat + "," + dense("logits", 4, "linear", "") + "}]}" + VERSION;
        KerasH5Writer w = new KerasH5Writer();
        w.weight("conv", "kernel", new long[] {3, 3, 2, 3}, randoms(54));
        w.weight("conv", "bias", new long[] {3}, randoms(3));
        denseWeights(w, "logits", 3 * 2 * 3, 4);
        Path file = dir.resolve("cnn.h5");
        w.write(file, config);

        ModelGraph g = importer.importModel(file);
        MultiLayerNetwork reference = KerasModelImport.importKerasSequentialModelAndWeights(file.toString(), false);

        assertEquals(Shape.chw(2, 6, 5), g.inputShape());
        assertEquals(Shape.chw(3, 3, 2), g.node("pool").outputShape());
        assertInstanceOf(LayerOp.Flatten.class, g.node("logits_flatten").op());
        // DL4J's Keras CNN runs channels-last: feed it NHWC, compare channels-first.
        Nd4j.getRandom().setSeed(6);
        INDArray nhwc = Nd4j.randn(DataType.FLOAT, BATCH, 6, 5, 2);
        List<INDArray> ff = reference.feedForward(nhwc, false);
        Map<String, INDArray> expected = new LinkedHashMap<>();
        expected.put("input", ff.get(0));
        List<String> names = List.of("conv", "pool", "logits");
        for (int i = 0; i < names.size(); i++) {
            expected.put(names.get(i), ff.get(i + 1));
        }
        assertEquals(BATCH * 4, Dl4jComparison.assertMatches(g, nhwc, expected, true));
    }

    @Test
    void weightsOnlyH5IsRejectedWithAdvice() throws Exception {
        Path file = dir.resolve("weights.h5");
        org.bytedeco.javacpp.Loader.load(org.bytedeco.hdf5.global.hdf5.class);
        synchronized (org.deeplearning4j.nn.modelimport.keras.Hdf5Archive.LOCK_OBJECT) {
            new org.bytedeco.hdf5.H5File(file.toString(), org.bytedeco.hdf5.global.hdf5.H5F_ACC_TRUNC()).close();
        }
        ModelImportException e = org.junit.jupiter.api.Assertions.assertThrows(ModelImportException.class,
                () -> importer.importModel(file));
        assertEquals(file, e.file());
        assertTrue(e.getMessage().contains("no 'model_config'"), e.getMessage());
    }
}
