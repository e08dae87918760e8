package io.zkml.workbench.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Every way a file can be wrong yields a ModelImportException naming the file (and the layer). */
class BadInputImportTest {

    @TempDir
    Path dir;

    private final ModelImporter importer = new ModelImporter();

    private ModelImportException importFails(Path file) {
        ModelImportException e = assertThrows(ModelImportException.class, () -> importer.importModel(file));
        assertEquals(file, e.file());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        return e;
    }

    private Path save(MultiLayerConfiguration conf, String name) throws Exception {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        File f = dir.resolve(name).toFile();
        ModelSerializer.writeModel(net, f, false);
        return f.toPath();
    }

    private static NeuralNetConfiguration.Builder base() {
        return new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT);
    }

    private static void assertLayer(ModelImportException e, int index, String name, Class<?> cls, String... words) {
        assertEquals(index, e.layerIndex(), e.getMessage());
        assertEquals(name, e.layerName().orElseThrow());
        assertEquals(cls.getName(), e.layerClass().orElseThrow());
        String msg = e.getMessage();
        assertTrue(msg.contains("layer " + index + " '" + name + "' (" + cls.getName() + ")"), msg);
        for (String w : words) {
            assertTrue(msg.contains(w), "missing '" + w + "' in: " + msg);
        }
    }

    @Test
    void missingFile() {
        ModelImportException e = importFails(dir.resolve("nope.zip"));
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void textFileRenamedZip() throws Exception {
        Path f = dir.resolve("notes.zip");
        Files.writeString(f, "just some notes, not a model\n");
        ModelImportException e = importFails(f);
        assertTrue(e.getMessage().contains("notes.zip is not a DL4J model zip, a Keras .h5 file nor an ONNX model"), e.getMessage());
    }

    @Test
    void emptyFile() throws Exception {
        Path f = dir.resolve("empty.h5");
        Files.write(f, new byte[0]);
        assertTrue(importFails(f).getMessage().contains("is not a DL4J model zip, a Keras .h5 file nor an ONNX model"));
    }

    @Test
    void truncatedRealZip() throws Exception {
        Path good = save(base().list().layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(4).nOut(2)
                .build()).build(), "good.zip");
        byte[] bytes = Files.readAllBytes(good);
        Path cut = dir.resolve("cut.zip");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        ModelImportException e = importFails(cut);
        assertTrue(e.getMessage().contains("cut.zip is not a DL4J model zip, a Keras .h5 file nor an ONNX model"), e.getMessage());
        assertTrue(e.getMessage().contains("truncated or corrupt"), e.getMessage());
    }

    @Test
    void zipWithoutConfiguration() throws Exception {
        Path f = dir.resolve("photos.zip");
        try (OutputStream out = Files.newOutputStream(f); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write("hello".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        ModelImportException e = importFails(f);
        assertTrue(e.getMessage().contains("no configuration.json"), e.getMessage());
    }

    @Test
    void lstmNetworkNamesTheLayer() throws Exception {
        Path f = save(base().list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(4).build())
                .layer(new LSTM.Builder().name("memory").nOut(5).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2).build())
                .setInputType(InputType.recurrent(3))
                .build(), "lstm.zip");
        ModelImportException e = importFails(f);
        assertLayer(e, 1, "memory", LSTM.class, "recurrent layers are not supported",
                "supported layers: " + io.zkml.workbench.graph.LayerKind.importedList(), "replace the LSTM or export a feed-forward model");
    }

    @Test
    void convolution3dNetworkNamesTheLayer() throws Exception {
        Path f = save(base().list()
                .layer(new Convolution3D.Builder().name("volume").kernelSize(2, 2, 2).nOut(2).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2).build())
                .setInputType(InputType.convolutional3D(4, 4, 4, 1))
                .build(), "conv3d.zip");
        assertLayer(importFails(f), 0, "volume", Convolution3D.class, "3-D layers are not supported");
    }

    @Test
    void dilatedConvolutionNamesTheLayer() throws Exception {
        Path f = save(base().list()
                .layer(new ConvolutionLayer.Builder(3, 3).name("c0").nOut(2).build())
                .layer(new ConvolutionLayer.Builder(3, 3).name("atrous").dilation(2, 2).nOut(2).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2).build())
                .setInputType(InputType.convolutionalFlat(12, 12, 1))
                .build(), "dilated.zip");
        assertLayer(importFails(f), 1, "atrous", ConvolutionLayer.class, "dilation [2, 2] is not supported");
    }

    @Test
    void depthwiseConvolutionNamesTheLayer() throws Exception {
        Path f = save(base().list()
                .layer(new DepthwiseConvolution2D.Builder(3, 3).name("dw").depthMultiplier(2).nOut(2).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2).build())
                .setInputType(InputType.convolutionalFlat(6, 6, 1))
                .build(), "depthwise.zip");
        assertLayer(importFails(f), 0, "dw", DepthwiseConvolution2D.class,
                "depthwise/separable convolution is not supported", "use a regular Convolution2D layer");
    }

    @Test
    void mergeVertexIsRejectedByName() throws Exception {
        ComputationGraphConfiguration conf = base().graphBuilder()
                .addInputs("in")
                .addLayer("a", new DenseLayer.Builder().nIn(3).nOut(2).build(), "in")
                .addLayer("b", new DenseLayer.Builder().nIn(3).nOut(2).build(), "in")
                .addVertex("concat", new MergeVertex(), "a", "b")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(4).nOut(2).build(),
                        "concat")
                .setOutputs("out")
                .build();
        ComputationGraph cg = new ComputationGraph(conf);
        cg.init();
        File f = dir.resolve("merge.zip").toFile();
        ModelSerializer.writeModel(cg, f, false);
        ModelImportException e = importFails(f.toPath());
        assertEquals("concat", e.layerName().orElseThrow());
        assertEquals(MergeVertex.class.getName(), e.layerClass().orElseThrow());
        assertTrue(e.getMessage().contains("vertex 'concat'"), e.getMessage());
        assertTrue(e.getMessage().contains("MergeVertex (concatenation) is not supported"), e.getMessage());
    }

    @Test
    void corruptCoefficientsAreWrappedWithTheFileName() throws Exception {
        Path good = save(base().list().layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(4).nOut(2)
                .build()).build(), "good.zip");
        Path bad = dir.resolve("badcoeffs.zip");
        try (java.util.zip.ZipFile in = new java.util.zip.ZipFile(good.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(bad))) {
            for (ZipEntry entry : java.util.Collections.list(in.entries())) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                byte[] data = in.getInputStream(entry).readAllBytes();
                out.write(entry.getName().equals("coefficients.bin") ? Arrays.copyOf(data, 7) : data);
                out.closeEntry();
            }
        }
        ModelImportException e = importFails(bad);
        assertTrue(e.getMessage().contains("the entry coefficients.bin is damaged"), e.getMessage());
    }
}
