package io.zkml.workbench.importer.onnx;

import static io.zkml.workbench.importer.onnx.OnnxModelBuilder.floatAttr;
import static io.zkml.workbench.importer.onnx.OnnxModelBuilder.floatTensor;
import static io.zkml.workbench.importer.onnx.OnnxModelBuilder.intAttr;
import static io.zkml.workbench.importer.onnx.OnnxModelBuilder.intsAttr;
import static io.zkml.workbench.importer.onnx.OnnxModelBuilder.stringAttr;
import static io.zkml.workbench.importer.onnx.OnnxModelBuilder.tensorAttr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkml.workbench.graph.Activation;
import io.zkml.workbench.graph.LayerOp;
import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.graph.Node;
import io.zkml.workbench.graph.Padding;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every supported ONNX op, in small models built in code, imported and held to ONNX Runtime node by
 * node ({@link OnnxParity}); plus what each op becomes in the graph model.
 */
class OnnxImportTest {

    @TempDir
    Path dir;

    private static String ops(ModelGraph g) {
        return g.nodes().stream().map(n -> n.typeName() + (n.op().activation().isIdentity() ? "" : "(" + n.op().activation() + ")"))
                .collect(Collectors.joining(" "));
    }

    @Test
    void gemmWithTransposeAlphaBetaReluSoftmaxAndFinalArgMax() throws Exception {
        OnnxModelBuilder b = new OnnxModelBuilder(1).input("x", 5)
                .weights("W1", 0.6f, 7, 5).weights("b1", 0.3f, 7)
                .weights("W2", 0.6f, 7, 3).weights("b2", 0.3f, 1, 3)
                .node("Gemm", "fc1", List.of("x", "W1", "b1"), intAttr("transB", 1), floatAttr("alpha", 0.5f),
                        floatAttr("beta", 2f))
                .node("Relu", "relu1", List.of("fc1"))
                .node("Gemm", "fc2", List.of("relu1", "W2", "b2"))
                .node("Softmax", "probs", List.of("fc2"), intAttr("axis", 1))
                .node("ArgMax", "class", List.of("probs"), intAttr("axis", 1), intAttr("keepdims", 0))
                .intOutput("class");
        OnnxImport imp = OnnxParity.check(b.build(), dir, 5);
        ModelGraph g = imp.graph();
        assertEquals("Input Dense(ReLU) Dense(Softmax)", ops(g));
        assertTrue(imp.endsInArgMax());
        assertEquals("fc2", g.outputs().get(0));
        assertEquals("probs", imp.onnxValues().get("fc2"), "the merged node stands for the softmax's value");
        assertEquals("ONNX Gemm+Relu", g.node("fc1").sourceClass());
    }

    @Test
    void matMulWithBiasAddAndEveryElementwiseActivation() throws Exception {
        OnnxModelBuilder b = new OnnxModelBuilder(2).input("x", 4)
                .weights("W1", 0.8f, 4, 6).weights("c1", 0.4f, 6)
                .weights("W2", 0.8f, 6, 6).weights("c2", 0.4f, 6)
                .weights("W3", 0.8f, 6, 6)
                .weights("W4", 0.8f, 6, 2).weights("c4", 0.4f, 2)
                .node("MatMul", "mm1", List.of("x", "W1"))
                .node("Add", "bias1", List.of("mm1", "c1"))
                .node("LeakyRelu", "leaky", List.of("bias1"), floatAttr("alpha", 0.125f))
                .node("MatMul", "mm2", List.of("leaky", "W2"))
                .node("Add", "bias2", List.of("c2", "mm2"))
                .node("HardSigmoid", "hs", List.of("bias2"))
                .node("MatMul", "mm3", List.of("hs", "W3"))
                .node("Tanh", "tanh", List.of("mm3"))
                .node("Sigmoid", "sig", List.of("tanh"))
                .node("MatMul", "mm4", List.of("sig", "W4"))
                .node("Add", "out", List.of("mm4", "c4"))
                .output("out");
        ModelGraph g = OnnxParity.check(b.build(), dir, 4).graph();
        assertEquals("Input Dense(LeakyReLU(0.125)) Dense(HardSigmoid) Dense(Tanh) Activation(Sigmoid) Dense", ops(g));
        LayerOp.Dense first = (LayerOp.Dense) g.node("mm1").op();
        assertTrue(first.hasBias(), "the Add of a constant became the MatMul's bias");
        assertFalse(((LayerOp.Dense) g.node("mm3").op()).hasBias());
    }

    @Test
    void convolutionsPoolingBatchNormAndClipAsRelu() throws Exception {
        OnnxModelBuilder b = new OnnxModelBuilder(3).input("img", 2, 9, 9)
                .weights("K1", 0.5f, 4, 2, 3, 3).weights("kb1", 0.2f, 4)
                .weights("K2", 0.5f, 3, 4, 3, 3)
                .positive("gamma", 0.5f, 1.5f, 3).weights("beta", 0.3f, 3).weights("mean", 0.3f, 3)
                .positive("var", 0.2f, 2f, 3)
                .init("zero", new float[] {0f})
                .weights("Wd", 0.4f, 3 * 3 * 3, 4).weights("bd", 0.1f, 4)
                // asymmetric pads, stride 2: 9x9 -> (9+1+0-3)/2+1 = 4 rows, (9+0+2-3)/2+1 = 5 columns
                .node("Conv", "conv1", List.of("img", "K1", "kb1"), intsAttr("pads", 1, 0, 0, 2),
                        intsAttr("strides", 2, 2), intsAttr("kernel_shape", 3, 3), intsAttr("dilations", 1, 1),
                        intAttr("group", 1))
                .node("Relu", "relu1", List.of("conv1"))
                .node("MaxPool", "pool1", List.of("relu1"), intsAttr("kernel_shape", 2, 2), intsAttr("strides", 1, 1),
                        intsAttr("pads", 0, 0, 1, 1))
                .node("Conv", "conv2", List.of("pool1", "K2"), stringAttr("auto_pad", "SAME_UPPER"))
                .node("BatchNormalization", "bn", List.of("conv2", "gamma", "beta", "mean", "var"),
                        floatAttr("epsilon", 1e-3f))
                .node("Clip", "clip", List.of("bn", "zero"))
                .node("AveragePool", "avg", List.of("clip"), intsAttr("kernel_shape", 2, 2), intsAttr("strides", 2, 2),
                        intsAttr("pads", 1, 1, 1, 1), intAttr("count_include_pad", 1))
                .node("Flatten", "flat", List.of("avg"), intAttr("axis", 1))
                .node("Gemm", "dense", List.of("flat", "Wd", "bd"))
                .output("dense");
        ModelGraph g = OnnxParity.check(b.build(), dir, 2, 9, 9).graph();
        assertEquals("Input Conv2D(ReLU) MaxPool2D Conv2D BatchNorm Activation(ReLU) AvgPool2D Flatten Dense", ops(g));
        LayerOp.Conv2D c1 = (LayerOp.Conv2D) g.node("conv1").op();
        assertEquals(new Padding(Padding.Mode.EXPLICIT, 1, 0, 0, 2), c1.padding());
        assertEquals("4x4x5", g.node("conv1").outputShape().toString());
        assertTrue(((LayerOp.Pool2D) g.node("avg").op()).padIncludedInAverage());
    }

    @Test
    void averagePoolWithoutPaddingInTheCountAndSameLowerPadding() throws Exception {
        OnnxModelBuilder b = new OnnxModelBuilder(4).input("img", 1, 6, 7)
                .weights("K", 0.5f, 2, 1, 2, 2)
                .weights("Wd", 0.4f, 2 * 3 * 4, 3)
                .node("Conv", "conv", List.of("img", "K"), stringAttr("auto_pad", "SAME_LOWER"), intsAttr("strides", 1, 1))
                .node("AveragePool", "avg", List.of("conv"), intsAttr("kernel_shape", 3, 3), intsAttr("strides", 2, 2),
                        intsAttr("pads", 1, 1, 1, 1))
                .node("Reshape", "flat", List.of("avg", "shape"))
                .ints("shape", 1, -1)
                .node("Gemm", "dense", List.of("flat", "Wd"))
                .output("dense");
        // the shape initializer is added after the node that reads it: initializers are not ordered
        ModelGraph g = OnnxParity.check(b.build(), dir, 1, 6, 7).graph();
        assertEquals("Input Conv2D AvgPool2D Flatten Dense", ops(g));
        assertFalse(((LayerOp.Pool2D) g.node("avg").op()).padIncludedInAverage());
    }

    @Test
    void globalPoolingReshapeFromAConstantNodeAndConvBiasAdd() throws Exception {
        OnnxModelBuilder b = new OnnxModelBuilder(5).input("img", 3, 5, 5)
                .weights("K", 0.5f, 4, 3, 3, 3)
                .weights("cb", 0.3f, 4, 1, 1)
                .weights("Wd", 0.5f, 4, 2)
                .node("Conv", "conv", List.of("img", "K"), intsAttr("pads", 1, 1, 1, 1))
                .node("Add", "conv_bias", List.of("conv", "cb"))
                .node("GlobalAveragePool", "gap", List.of("conv_bias"))
                .node("Constant", "target", List.of(), tensorAttr("value",
                        onnx.Onnx.TensorProto.newBuilder().setName("t").setDataType(OnnxTensors.INT64).addDims(2)
                                .addInt64Data(0).addInt64Data(4).build()))
                .node("Reshape", "flat", List.of("gap", "target"))
                .node("MatMul", "dense", List.of("flat", "Wd"))
                .output("dense");
        ModelGraph g = OnnxParity.check(b.build(), dir, 3, 5, 5).graph();
        assertEquals("Input Conv2D AvgPool2D Flatten Dense", ops(g));
        assertTrue(((LayerOp.Conv2D) g.node("conv").op()).hasBias(), "the Add of a per-channel constant is the bias");
    }

    @Test
    void globalMaxPoolAndFlatten() throws Exception {
        OnnxModelBuilder b = new OnnxModelBuilder(6).input("img", 2, 4, 4)
                .weights("Wd", 0.5f, 2, 2)
                .node("GlobalMaxPool", "gmp", List.of("img"))
                .node("Flatten", "flat", List.of("gmp"))
                .node("Gemm", "dense", List.of("flat", "Wd"))
                .output("dense");
        ModelGraph g = OnnxParity.check(b.build(), dir, 2, 4, 4).graph();
        assertEquals("Input MaxPool2D Flatten Dense", ops(g));
    }

    @Test
    void residualAddClipAsHardTanhAndDroppedIdentityAndDropout() throws Exception {
        OnnxModelBuilder b = new OnnxModelBuilder(7).input("x", 6)
                .weights("W1", 0.7f, 6, 6).weights("b1", 0.2f, 6)
                .weights("W2", 0.7f, 6, 6).weights("b2", 0.2f, 6)
                .weights("W3", 0.7f, 6, 3).weights("b3", 0.2f, 3)
                .init("lo", new float[] {-1f}).init("hi", new float[] {1f})
                .node("Gemm", "fc1", List.of("x", "W1", "b1"))
                .node("Relu", "relu1", List.of("fc1"))
                .node("Gemm", "fc2", List.of("relu1", "W2", "b2"))
                .node("Add", "residual", List.of("relu1", "fc2"))
                .node("Clip", "clip", List.of("residual", "lo", "hi"))
                .node("Identity", "same", List.of("clip"))
                .node("Dropout", "drop", List.of("same"), intAttr("seed", 3))
                .node("Gemm", "fc3", List.of("drop", "W3", "b3"))
                .node("BatchNormalization", "bn", List.of("fc3", "g", "be", "m", "v"))
                .positive("g", 0.5f, 1.5f, 3).weights("be", 0.3f, 3).weights("m", 0.3f, 3).positive("v", 0.5f, 2f, 3)
                .output("bn");
        OnnxImport imp = OnnxParity.check(b.build(), dir, 6);
        ModelGraph g = imp.graph();
        assertEquals("Input Dense(ReLU) Dense Add Activation(HardTanh) Dense BatchNorm", ops(g));
        assertEquals(List.of("fc1", "fc2"), g.node("residual").inputs());
        assertEquals(List.of("clip"), g.node("fc3").inputs(), "Identity and Dropout left no node");
        assertEquals(2, imp.dropped().size());
        assertTrue(imp.dropped().get(0).startsWith("node 5 'same' (Identity)"), imp.dropped().toString());
    }

    @Test
    void rawDataInitializersAndAnActivationReadTwiceStaysItsOwnNode() throws Exception {
        float[] w = new float[4 * 3];
        for (int i = 0; i < w.length; i++) {
            w[i] = (i % 5 - 2) * 0.25f;
        }
        OnnxModelBuilder b = new OnnxModelBuilder(8).input("x", 4)
                .rawInit("W", w, 4, 3)
                .node("MatMul", "mm", List.of("x", "W"))
                .node("Relu", "r", List.of("mm"))
                .node("Add", "sum", List.of("mm", "r"))
                .output("sum");
        ModelGraph g = OnnxParity.check(b.build(), dir, 4).graph();
        assertEquals("Input Dense Activation(ReLU) Add", ops(g));
        Node dense = g.node("mm");
        assertEquals(-0.5f, dense.requireParam("W").get(0));
    }

    @Test
    void opsetElevenSoftmaxDefaultsToAxisOne() throws Exception {
        OnnxModelBuilder b = new OnnxModelBuilder(9).opset(11).input("x", 3)
                .weights("W", 0.9f, 3, 4)
                .node("MatMul", "mm", List.of("x", "W"))
                .node("Softmax", "sm", List.of("mm"))
                .output("sm");
        ModelGraph g = OnnxParity.check(b.build(), dir, 3).graph();
        assertEquals(Activation.SOFTMAX, g.outputNode().op().activation());
    }
}
