package io.zkml.workbench.importer.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import onnx.Onnx;
import org.nd4j.shade.protobuf.ByteString;

/** Builds small ONNX models in code with ONNX's protobuf builders, for the importer's tests. */
final class OnnxModelBuilder {

    private final Onnx.GraphProto.Builder graph = Onnx.GraphProto.newBuilder().setName("test");
    private final Random random;
    private long irVersion = 8;
    private long opset = 17;

    OnnxModelBuilder(long seed) {
        this.random = new Random(seed);
    }

    OnnxModelBuilder opset(long v) {
        opset = v;
        return this;
    }

    OnnxModelBuilder irVersion(long v) {
        irVersion = v;
        return this;
    }

    /** A float input with a dynamic batch and the given fixed dims after it. */
    OnnxModelBuilder input(String name, long... dims) {
        Onnx.TensorShapeProto.Builder shape = Onnx.TensorShapeProto.newBuilder()
                .addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimParam("N"));
        for (long d : dims) {
            shape.addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        graph.addInput(valueInfo(name, OnnxTensors.FLOAT, shape.build()));
        return this;
    }

    OnnxModelBuilder rawInput(Onnx.ValueInfoProto v) {
        graph.addInput(v);
        return this;
    }

    OnnxModelBuilder output(String name) {
        graph.addOutput(valueInfo(name, OnnxTensors.FLOAT, null));
        return this;
    }

    OnnxModelBuilder intOutput(String name) {
        graph.addOutput(valueInfo(name, OnnxTensors.INT64, null));
        return this;
    }

    static Onnx.ValueInfoProto valueInfo(String name, int elemType, Onnx.TensorShapeProto shape) {
        Onnx.TypeProto.Tensor.Builder t = Onnx.TypeProto.Tensor.newBuilder().setElemType(elemType);
        if (shape != null) {
            t.setShape(shape);
        }
        return Onnx.ValueInfoProto.newBuilder().setName(name).setType(Onnx.TypeProto.newBuilder().setTensorType(t)).build();
    }

    /** An initializer of random values in [-scale, scale). */
    OnnxModelBuilder weights(String name, float scale, long... dims) {
        int n = 1;
        for (long d : dims) {
            n *= (int) d;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (random.nextFloat() * 2 - 1) * scale;
        }
        return init(name, v, dims);
    }

    /** Random positive values in [lo, hi), e.g. BatchNorm variances. */
    OnnxModelBuilder positive(String name, float lo, float hi, long... dims) {
        int n = 1;
        for (long d : dims) {
            n *= (int) d;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = lo + random.nextFloat() * (hi - lo);
        }
        return init(name, v, dims);
    }

    OnnxModelBuilder init(String name, float[] values, long... dims) {
        graph.addInitializer(floatTensor(name, values, dims));
        return this;
    }

    /** A float initializer stored as raw little-endian bytes, as PyTorch writes them. */
    OnnxModelBuilder rawInit(String name, float[] values, long... dims) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * values.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        Onnx.TensorProto.Builder t = Onnx.TensorProto.newBuilder().setName(name).setDataType(OnnxTensors.FLOAT)
                .setRawData(ByteString.copyFrom(b.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        graph.addInitializer(t);
        return this;
    }

    OnnxModelBuilder initTensor(Onnx.TensorProto t) {
        graph.addInitializer(t);
        return this;
    }

    OnnxModelBuilder ints(String name, long... values) {
        graph.addInitializer(Onnx.TensorProto.newBuilder().setName(name).setDataType(OnnxTensors.INT64)
                .addDims(values.length).addAllInt64Data(box(values)));
        return this;
    }

    static Onnx.TensorProto floatTensor(String name, float[] values, long... dims) {
        Onnx.TensorProto.Builder t = Onnx.TensorProto.newBuilder().setName(name).setDataType(OnnxTensors.FLOAT);
        for (long d : dims) {
            t.addDims(d);
        }
        for (float f : values) {
            t.addFloatData(f);
        }
        return t.build();
    }

    private static List<Long> box(long[] v) {
        List<Long> out = new ArrayList<>();
        for (long x : v) {
            out.add(x);
        }
        return out;
    }

    OnnxModelBuilder node(String opType, String name, List<String> inputs, List<String> outputs,
                          Onnx.AttributeProto... attrs) {
        Onnx.NodeProto.Builder n = Onnx.NodeProto.newBuilder().setOpType(opType).setName(name)
                .addAllInput(inputs).addAllOutput(outputs);
        for (Onnx.AttributeProto a : attrs) {
            n.addAttribute(a);
        }
        graph.addNode(n);
        return this;
    }

    /** A node with one output named after the node. */
    OnnxModelBuilder node(String opType, String name, List<String> inputs, Onnx.AttributeProto... attrs) {
        return node(opType, name, inputs, List.of(name), attrs);
    }

    OnnxModelBuilder rawNode(Onnx.NodeProto n) {
        graph.addNode(n);
        return this;
    }

    static Onnx.AttributeProto intAttr(String name, long v) {
        return Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.INT).setI(v).build();
    }

    static Onnx.AttributeProto floatAttr(String name, float v) {
        return Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.FLOAT).setF(v).build();
    }

    static Onnx.AttributeProto intsAttr(String name, long... v) {
        return Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.INTS)
                .addAllInts(box(v)).build();
    }

    static Onnx.AttributeProto stringAttr(String name, String v) {
        return Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(v)).build();
    }

    static Onnx.AttributeProto tensorAttr(String name, Onnx.TensorProto t) {
        return Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.TENSOR)
                .setT(t).build();
    }

    Onnx.GraphProto.Builder graph() {
        return graph;
    }

    Onnx.ModelProto build() {
        return Onnx.ModelProto.newBuilder().setIrVersion(irVersion).setProducerName("zkml-test")
                .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
                .setGraph(graph).build();
    }

    Path write(Path dir, String fileName) throws IOException {
        Path p = dir.resolve(fileName);
        Files.write(p, build().toByteArray());
        return p;
    }
}
