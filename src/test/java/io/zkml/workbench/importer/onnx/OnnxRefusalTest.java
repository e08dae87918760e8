package io.zkml.workbench.importer.onnx;

import static io.zkml.workbench.importer.onnx.OnnxModelBuilder.floatAttr;
import static io.zkml.workbench.importer.onnx.OnnxModelBuilder.intAttr;
import static io.zkml.workbench.importer.onnx.OnnxModelBuilder.intsAttr;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkml.workbench.importer.ModelImportException;
import io.zkml.workbench.importer.ModelImporter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import onnx.Onnx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every refusal of the ONNX importer, through the one entry point ({@link ModelImporter}): one
 * message naming the file, the node (index, name, op type) when one is to blame, and what to do.
 */
class OnnxRefusalTest {

    @TempDir
    Path dir;

    private String refusal(Onnx.ModelProto model) throws IOException {
        Path file = dir.resolve("bad.onnx");
        Files.write(file, model.toByteArray());
        return refusal(file);
    }

    private static String refusal(Path file) {
        ModelImportException e = assertThrows(ModelImportException.class, () -> new ModelImporter().importModel(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        return e.getMessage();
    }

    private static void contains(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), "'" + p + "' missing in: " + message);
        }
    }

    /** x -> Gemm(W) -> output, with room for one more node in between. */
    private static OnnxModelBuilder dense(long seed) {
        return new OnnxModelBuilder(seed).input("x", 4).weights("W", 0.5f, 4, 3);
    }

    @Test
    void anUnsupportedOpIsNamedWithItsNodeAndAHint() throws IOException {
        String m = refusal(dense(1)
                .node("Gemm", "fc", List.of("x", "W"))
                .node("Mul", "scale", List.of("fc", "fc"))
                .output("scale").build());
        contains(m, "node 1 'scale' (Mul)", "op Mul is not supported", "Gemm, MatMul, Conv", "fold the arithmetic");

        m = refusal(new OnnxModelBuilder(2).input("img", 1, 4, 4)
                .node("Upsample", "", List.of("img"), List.of("up")).output("up").build());
        contains(m, "node 0 'up' (Upsample)", "replace the upsampling");
    }

    @Test
    void anOpOfAnotherDomainIsRefused() throws IOException {
        Onnx.ModelProto.Builder b = dense(3).node("Gemm", "fc", List.of("x", "W")).output("fc").build().toBuilder();
        b.getGraphBuilder().getNodeBuilder(0).setDomain("com.microsoft");
        contains(refusal(b.build()), "node 0 'fc' (Gemm)", "domain 'com.microsoft'", "ai.onnx ops only");
    }

    @Test
    void dynamicShapesAreRefused() throws IOException {
        Onnx.TensorShapeProto shape = Onnx.TensorShapeProto.newBuilder()
                .addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
                .addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(1))
                .addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimParam("height"))
                .addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(8)).build();
        String m = refusal(new OnnxModelBuilder(4).rawInput(OnnxModelBuilder.valueInfo("img", OnnxTensors.FLOAT, shape))
                .node("Relu", "r", List.of("img")).output("r").build());
        contains(m, "input 'img' dimension 2 is the symbol 'height' (a dynamic shape)", "fixed input size");

        m = refusal(new OnnxModelBuilder(4).rawInput(OnnxModelBuilder.valueInfo("x", OnnxTensors.FLOAT, null))
                .node("Relu", "r", List.of("x")).output("r").build());
        contains(m, "input 'x' has no shape (a dynamic shape)");
    }

    @Test
    void opsetsAndIrVersionsOutsideTheRangeAreRefused() throws IOException {
        contains(refusal(dense(5).opset(9).node("Gemm", "fc", List.of("x", "W")).output("fc").build()),
                "ai.onnx opset 9 is outside the 11..21", "opset_version=17");
        contains(refusal(dense(5).opset(22).node("Gemm", "fc", List.of("x", "W")).output("fc").build()),
                "ai.onnx opset 22 is outside the 11..21");
        contains(refusal(dense(5).irVersion(11).node("Gemm", "fc", List.of("x", "W")).output("fc").build()),
                "ONNX IR version 11 is outside the 3..10");
        Onnx.ModelProto noOpset = dense(5).node("Gemm", "fc", List.of("x", "W")).output("fc").build().toBuilder()
                .clearOpsetImport().build();
        contains(refusal(noOpset), "imports no ai.onnx opset");
    }

    @Test
    void externalDataIsRefused() throws IOException {
        Onnx.TensorProto external = Onnx.TensorProto.newBuilder().setName("W").setDataType(OnnxTensors.FLOAT)
                .addDims(4).addDims(3).setDataLocation(Onnx.TensorProto.DataLocation.EXTERNAL)
                .addExternalData(Onnx.StringStringEntryProto.newBuilder().setKey("location").setValue("weights.bin"))
                .build();
        String m = refusal(new OnnxModelBuilder(6).input("x", 4).initTensor(external)
                .node("Gemm", "fc", List.of("x", "W")).output("fc").build());
        contains(m, "initializer 'W' keeps its values in an external data file", "save_as_external_data=False");
    }

    @Test
    void aFileAboveTheSizeBoundIsRefusedBeforeParsing() throws IOException {
        Path file = dir.resolve("huge.onnx");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(new byte[] {0x08, 0x08});
            byte[] block = new byte[1 << 20];
            for (int i = 0; i <= 16; i++) {
                out.write(block);
            }
        }
        contains(refusal(file), "more than the 16 MiB the workbench reads");
    }

    @Test
    void malformedAndTruncatedProtobufIsRefused() throws IOException {
        Path file = dir.resolve("garbage.onnx");
        // ir_version 8, then field 7 (graph) claiming 2^31 bytes that are not there
        Files.write(file, new byte[] {0x08, 0x08, 0x3a, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07, 1, 2});
        contains(refusal(file), "not a valid ONNX model: the protobuf is malformed", "re-export it");

        byte[] good = dense(7).node("Gemm", "fc", List.of("x", "W")).output("fc").build().toByteArray();
        Path cut = dir.resolve("cut.onnx");
        Files.write(cut, Arrays.copyOf(good, good.length - 7));
        contains(refusal(cut), "not a valid ONNX model");
    }

    @Test
    void deeplyNestedSubgraphsEndInAnErrorNotAStackOverflow() throws IOException {
        Onnx.GraphProto inner = Onnx.GraphProto.newBuilder().setName("g").build();
        for (int i = 0; i < 40; i++) {
            Onnx.NodeProto n = Onnx.NodeProto.newBuilder().setOpType("If").addOutput("o" + i)
                    .addAttribute(Onnx.AttributeProto.newBuilder().setName("then_branch")
                            .setType(Onnx.AttributeProto.AttributeType.GRAPH).setG(inner)).build();
            inner = Onnx.GraphProto.newBuilder().setName("g" + i).addNode(n).build();
        }
        Onnx.ModelProto m = dense(8).build().toBuilder().setGraph(inner).build();
        contains(refusal(m), "not a valid ONNX model: messages nest deeper than 24");
    }

    @Test
    void aSingularMessageGivenTwiceAndFilesOfCountlessTinyMessagesAreRefusedBeforeParsing() throws IOException {
        // Protobuf merges a repeated singular field (quadratic in protobuf-java 3.21: CVE-2022-3171).
        byte[] one = dense(15).node("Gemm", "fc", List.of("x", "W")).output("fc").build().toByteArray();
        byte[] twice = new byte[2 * one.length];
        System.arraycopy(one, 0, twice, 0, one.length);
        System.arraycopy(one, 0, twice, one.length, one.length);
        Path file = dir.resolve("twice.onnx");
        Files.write(file, twice);
        contains(refusal(file), "not a valid ONNX model: ModelProto.graph is given more than once");

        Onnx.ModelProto.Builder many = dense(15).node("Gemm", "fc", List.of("x", "W")).output("fc").build().toBuilder();
        for (int i = 0; i <= OnnxLimits.MAX_MESSAGES; i++) {
            many.addOpsetImport(Onnx.OperatorSetIdProto.getDefaultInstance());
        }
        contains(refusal(many.build()), "not a valid ONNX model: it holds more than 200000 protobuf messages");
    }

    @Test
    void tooManyNodesAndTooLargeTensorsAreRefused() throws IOException {
        OnnxModelBuilder b = new OnnxModelBuilder(9).input("x", 4);
        String prev = "x";
        for (int i = 0; i <= OnnxLimits.MAX_NODES; i++) {
            b.node("Identity", "id" + i, List.of(prev));
            prev = "id" + i;
        }
        contains(refusal(b.output(prev).build()), "the graph has 2049 nodes, more than the 2048");

        Onnx.TensorProto huge = Onnx.TensorProto.newBuilder().setName("W").setDataType(OnnxTensors.FLOAT)
                .addDims(1L << 20).addDims(8).build();
        contains(refusal(new OnnxModelBuilder(9).input("x", 4).initTensor(huge)
                .node("Gemm", "fc", List.of("x", "W")).output("fc").build()),
                "initializer 'W' has more than 4194304 values");

        Onnx.TensorProto empty = Onnx.TensorProto.newBuilder().setName("W").setDataType(OnnxTensors.FLOAT)
                .addDims(4).addDims(0).build();
        contains(refusal(new OnnxModelBuilder(9).input("x", 4).initTensor(empty)
                .node("Gemm", "fc", List.of("x", "W")).output("fc").build()),
                "initializer 'W' has dimension 0");

        Onnx.TensorProto short_ = Onnx.TensorProto.newBuilder().setName("W").setDataType(OnnxTensors.FLOAT)
                .addDims(4).addDims(3).addFloatData(1f).build();
        contains(refusal(new OnnxModelBuilder(9).input("x", 4).initTensor(short_)
                .node("Gemm", "fc", List.of("x", "W")).output("fc").build()),
                "initializer 'W' holds 1 data entries where its dims need 12");
    }

    @Test
    void activationsAndWorkBeyondTheBoundsAreRefusedBeforeAnythingRuns() throws IOException {
        contains(refusal(new OnnxModelBuilder(14).input("img", 1, 1100, 1000)
                        .node("Relu", "r", List.of("img")).output("r").build()),
                "input 'img' has 1100000 values per sample, more than the 1048576 read");
        contains(refusal(new OnnxModelBuilder(14).input("img", 64, 128, 128).weights("K", 0.1f, 4, 64, 16, 16)
                        .node("Conv", "big", List.of("img", "K")).output("big").build()),
                "node 0 'big' (Conv)", "more than 67108864 multiply-adds per sample");
        contains(refusal(new OnnxModelBuilder(14).input("img", 1, 8, 8).weights("K", 0.1f, 20000, 1, 1, 1)
                        .node("Conv", "wide", List.of("img", "K")).output("wide").build()),
                "node 0 'wide' (Conv)", "the output has 1280000 values per sample, more than the 1048576");
    }

    @Test
    void nonFiniteWeightsAndNonFloatTypesAreRefused() throws IOException {
        contains(refusal(new OnnxModelBuilder(10).input("x", 2).init("W", new float[] {1f, Float.NaN}, 2, 1)
                .node("MatMul", "mm", List.of("x", "W")).output("mm").build()),
                "initializer 'W' holds NaN at index 1", "non-finite");
        Onnx.TensorProto half = Onnx.TensorProto.newBuilder().setName("W").setDataType(10).addDims(2).addDims(1)
                .addInt32Data(1).addInt32Data(2).build();
        contains(refusal(new OnnxModelBuilder(10).input("x", 2).initTensor(half)
                .node("MatMul", "mm", List.of("x", "W")).output("mm").build()),
                "element type FLOAT16", "export the model in float32");
        String m = refusal(new OnnxModelBuilder(10).rawInput(OnnxModelBuilder.valueInfo("x", OnnxTensors.INT64,
                        Onnx.TensorShapeProto.newBuilder().addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(1))
                                .addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(2)).build()))
                .node("Relu", "r", List.of("x")).output("r").build());
        contains(m, "input 'x' has element type INT64", "float32 input");
    }

    @Test
    void unsupportedForms0fSupportedOpsAreRefusedNamingTheNode() throws IOException {
        OnnxModelBuilder img = new OnnxModelBuilder(11).input("img", 2, 6, 6).weights("K", 0.5f, 2, 1, 3, 3)
                .weights("K2", 0.5f, 2, 2, 3, 3);
        contains(refusal(img.node("Conv", "dw", List.of("img", "K"), intAttr("group", 2)).output("dw").build()),
                "node 0 'dw' (Conv)", "group 2", "export with group 1");
        contains(refusal(new OnnxModelBuilder(11).input("img", 2, 6, 6).weights("K2", 0.5f, 2, 2, 3, 3)
                        .node("Conv", "dil", List.of("img", "K2"), intsAttr("dilations", 2, 2)).output("dil").build()),
                "node 0 'dil' (Conv)", "dilations [2, 2]");
        contains(refusal(new OnnxModelBuilder(11).input("img", 2, 6, 6)
                        .node("MaxPool", "p", List.of("img"), intsAttr("kernel_shape", 2, 2), intAttr("ceil_mode", 1))
                        .output("p").build()),
                "node 0 'p' (MaxPool)", "ceil_mode = 1");
        contains(refusal(dense(12).init("lo", new float[] {0f}).init("hi", new float[] {6f})
                        .node("Gemm", "fc", List.of("x", "W")).node("Clip", "relu6", List.of("fc", "lo", "hi"))
                        .output("relu6").build()),
                "node 1 'relu6' (Clip)", "Clip to [0.0, 6.0] has no graph op yet", "ReLU6");
        contains(refusal(dense(12).node("Gemm", "fc", List.of("x", "W"))
                        .node("HardSigmoid", "hs", List.of("fc"), floatAttr("alpha", 1f / 6))
                        .output("hs").build()),
                "node 1 'hs' (HardSigmoid)", "alpha 0.16666667", "DL4J's (alpha 0.2, beta 0.5)");
        contains(refusal(dense(12).node("Gemm", "fc", List.of("x", "W"), intAttr("transA", 1)).output("fc").build()),
                "node 0 'fc' (Gemm)", "transA = 1");
        contains(refusal(dense(12).node("Gemm", "fc", List.of("x", "W"), intAttr("fancy", 1)).output("fc").build()),
                "node 0 'fc' (Gemm)", "attribute 'fancy' is not supported on Gemm");
        contains(refusal(dense(12).ints("shape", 3, 1).node("Gemm", "fc", List.of("x", "W"))
                        .node("Reshape", "rs", List.of("fc", "shape")).output("rs").build()),
                "node 1 'rs' (Reshape)", "Reshape to [3, 1] is not a flatten");
        contains(refusal(dense(12).node("Gemm", "fc", List.of("x", "W"))
                        .node("ArgMax", "am", List.of("fc"), intAttr("axis", 1))
                        .node("Identity", "after", List.of("am")).output("after").build()),
                "node 1 'am' (ArgMax)", "the graph's last node");
        contains(refusal(dense(12).weights("c", 0.1f, 3).node("Gemm", "fc", List.of("x", "W"))
                        .node("Relu", "r", List.of("fc")).node("Add", "shift", List.of("r", "c")).output("shift").build()),
                "node 2 'shift' (Add)", "bias of the MatMul or Conv");
        contains(refusal(dense(12).node("Gemm", "fc", List.of("x", "W"))
                        .node("Softmax", "sm", List.of("fc"), intAttr("axis", 0)).output("sm").build()),
                "node 1 'sm' (Softmax)", "axis 0");
        contains(refusal(new OnnxModelBuilder(12).input("img", 1, 4, 4).weights("W", 0.5f, 16, 2)
                        .node("Gemm", "fc", List.of("img", "W")).output("fc").build()),
                "node 0 'fc' (Gemm)", "add a Flatten before Gemm");
    }

    @Test
    void graphsWithOtherThanOneInputAndOneOutputOrOutOfOrderNodesAreRefused() throws IOException {
        contains(refusal(dense(13).input("y", 4).node("Gemm", "fc", List.of("x", "W")).output("fc").build()),
                "the graph has 2 inputs besides its weights ([x, y])", "exactly one input");
        contains(refusal(dense(13).node("Gemm", "fc", List.of("x", "W")).node("Relu", "r", List.of("fc"))
                        .output("fc").output("r").build()),
                "the graph has 2 outputs");
        contains(refusal(dense(13).node("Gemm", "fc", List.of("x", "W")).node("Gemm", "unused", List.of("x", "W"))
                        .node("Relu", "r", List.of("fc")).output("r").build()),
                "node 1 'unused' (Gemm)", "read by no node", "remove the unused branch");
        contains(refusal(dense(13).node("Relu", "r", List.of("fc")).node("Gemm", "fc", List.of("x", "W"))
                        .output("r").build()),
                "node 0 'r' (Relu)", "reads 'fc'", "topological order");
        contains(refusal(dense(13).node("Gemm", "fc", List.of("x", "W")).node("Dropout", "d", List.of("fc"),
                        List.of("d", "mask")).node("Add", "sum", List.of("d", "mask")).output("sum").build()),
                "node 1 'd' (Dropout)", "output 1 ('mask') is read");
    }

    @Test
    void aFileThatIsNoModelNamesAllThreeFormats() throws IOException {
        Path file = dir.resolve("notes.onnx");
        Files.writeString(file, "hello, this is text");
        contains(refusal(file), "not a DL4J model zip, a Keras .h5 file nor an ONNX model", "torch.onnx.export");
    }
}
