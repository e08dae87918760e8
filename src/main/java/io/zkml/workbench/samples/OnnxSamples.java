package io.zkml.workbench.samples;

import io.zkml.workbench.graph.Activation;
import io.zkml.workbench.graph.InputNormalizer;
import io.zkml.workbench.graph.LayerOp;
import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.graph.Node;
import io.zkml.workbench.graph.Padding;
import io.zkml.workbench.graph.Shape;
import io.zkml.workbench.importer.ModelImportException;
import io.zkml.workbench.importer.ModelImporter;
import io.zkml.workbench.io.AtomicFiles;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import onnx.Onnx;
import org.nd4j.shade.protobuf.ByteString;

/**
 * The ONNX samples: two committed DL4J samples written as ONNX graphs with ONNX's protobuf builders,
 * deterministically (same zip, same bytes). The zip's input normaliser is folded into the first
 * layer's weights, so the ONNX model takes the raw CSV features as they are, as an ONNX model
 * exported from PyTorch with its preprocessing baked in would.
 */
public final class OnnxSamples {

    /** An ONNX sample and the DL4J sample whose weights it carries. */
    public record Spec(String name, String source) {
        public String fileName() {
            return name + ".onnx";
        }
    }

    public static final List<Spec> ALL = List.of(new Spec("iris-onnx", "iris-mlp"), new Spec("digits-onnx", "digits-cnn"));

    static final long IR_VERSION = 8;
    static final long OPSET = 17;

    public static Optional<Spec> find(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Reads {@code <dir>/<source>.zip} and writes {@code <dir>/<name>.onnx} (atomically). */
    public Path write(Spec spec, Path dir) throws ModelImportException {
        ModelGraph g = new ModelImporter().importModel(dir.resolve(spec.source() + ".zip"));
        Path out = dir.resolve(spec.fileName());
        AtomicFiles.write(out, toOnnx(g, spec).toByteArray());
        return out;
    }

    /** The ONNX model computing what {@code g} computes on raw (un-normalised) input rows. */
    static Onnx.ModelProto toOnnx(ModelGraph g, Spec spec) {
        return new Writer(g).model(spec);
    }

    /** Writes one graph; the value each graph node computes is named after the node. */
    private static final class Writer {
        private final ModelGraph g;
        private final Onnx.GraphProto.Builder graph = Onnx.GraphProto.newBuilder();
        private final java.util.Map<String, String> valueOf = new java.util.HashMap<>();
        private Optional<InputNormalizer> pendingNormalizer;

        Writer(ModelGraph g) {
            this.g = g;
            this.pendingNormalizer = g.normalizer();
        }

        Onnx.ModelProto model(Spec spec) {
            graph.setName(spec.name()).setDocString("The weights of sample-models/" + spec.source() + ".zip, its input"
                    + " normaliser folded into the first layer (zkml train-samples --only " + spec.name() + ").");
            Node input = g.inputNodes().get(0);
            List<Node> rest = new ArrayList<>(g.nodes().subList(1, g.nodes().size()));
            Shape inShape = input.outputShape();
            valueOf.put(input.name(), input.name());
            // DL4J's digits network reads 64 flat pixels and reshapes them; ONNX models take the NCHW image.
            if (!rest.isEmpty() && rest.get(0).op() instanceof LayerOp.Reshape r && rest.get(0).inputs().equals(List.of(input.name()))) {
                inShape = r.target();
                valueOf.put(rest.get(0).name(), input.name());
                rest.remove(0);
            }
            graph.addInput(valueInfo(input.name(), inShape));
            for (Node n : rest) {
                write(n);
            }
            Node out = g.outputNode();
            graph.addOutput(valueInfo(valueOf.get(out.name()), out.outputShape()));
            return Onnx.ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("zkml-workbench")
                    .setProducerVersion("train-samples").setDomain("io.zkml.workbench.samples").setModelVersion(1)
                    .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                    .setGraph(graph).build();
        }

        private static Onnx.ValueInfoProto valueInfo(String name, Shape shape) {
            Onnx.TensorShapeProto.Builder s = Onnx.TensorShapeProto.newBuilder()
                    .addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimParam("batch"));
            for (int d : shape.dims()) {
                s.addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
            }
            return Onnx.ValueInfoProto.newBuilder().setName(name).setType(Onnx.TypeProto.newBuilder()
                    .setTensorType(Onnx.TypeProto.Tensor.newBuilder().setElemType(1).setShape(s))).build();
        }

        private String in(Node n) {
            return valueOf.get(n.inputs().get(0));
        }

        private void write(Node n) {
            LayerOp op = n.op();
            if (pendingNormalizer.isPresent() && !(op instanceof LayerOp.Dense || op instanceof LayerOp.Output
                    || op instanceof LayerOp.Conv2D)) {
                throw new IllegalStateException(n.name() + ": the normaliser can only be folded into a first Dense or Conv2D");
            }
            if (op instanceof LayerOp.Dense d) {
                dense(n, d.nIn(), d.nOut(), d.hasBias(), d.activation());
            } else if (op instanceof LayerOp.Output o) {
                dense(n, o.nIn(), o.nOut(), o.hasBias(), o.activation());
            } else if (op instanceof LayerOp.Conv2D c) {
                conv(n, c);
            } else if (op instanceof LayerOp.Pool2D p) {
                pool(n, p);
            } else if (op instanceof LayerOp.Flatten) {
                node("Flatten", n.name(), List.of(in(n)), n.name(), intAttr("axis", 1));
                valueOf.put(n.name(), n.name());
            } else if (op instanceof LayerOp.Act a) {
                valueOf.put(n.name(), activation(n.name(), in(n), a.activation()));
            } else {
                throw new IllegalStateException(n.name() + ": " + n.typeName() + " is not written to ONNX samples");
            }
        }

        private void dense(Node n, int nIn, int nOut, boolean hasBias, Activation act) {
            float[] w = n.requireParam("W").toArray();
            float[] b = hasBias ? n.requireParam("b").toArray() : new float[nOut];
            if (pendingNormalizer.isPresent()) {
                // W·((x - offset) / scale) + b = (W / scale)·x + (b - W·(offset / scale)), per input feature.
                InputNormalizer norm = pendingNormalizer.get();
                float[] off = norm.offset();
                float[] sc = norm.scale();
                double[] bias = new double[nOut];
                for (int o = 0; o < nOut; o++) {
                    bias[o] = b[o];
                }
                for (int i = 0; i < nIn; i++) {
                    double s = sc[off.length == 1 ? 0 : i];
                    double m = off[off.length == 1 ? 0 : i];
                    for (int o = 0; o < nOut; o++) {
                        double wi = w[i * nOut + o];
                        bias[o] -= wi * m / s;
                        w[i * nOut + o] = (float) (wi / s);
                    }
                }
                for (int o = 0; o < nOut; o++) {
                    b[o] = (float) bias[o];
                }
                pendingNormalizer = Optional.empty();
            }
            graph.addInitializer(tensor(n.name() + ".weight", w, nIn, nOut));
            graph.addInitializer(tensor(n.name() + ".bias", b, nOut));
            String linear = act.isIdentity() ? n.name() : n.name() + "_linear";
            node("Gemm", n.name(), List.of(in(n), n.name() + ".weight", n.name() + ".bias"), linear);
            valueOf.put(n.name(), act.isIdentity() ? linear : activation(n.name() + "_" + actName(act), linear, act));
        }

        private void conv(Node n, LayerOp.Conv2D c) {
            if (c.padding().mode() != Padding.Mode.EXPLICIT) {
                throw new IllegalStateException(n.name() + ": only explicit padding is written");
            }
            float[] w = n.requireParam("W").toArray();
            float[] b = c.hasBias() ? n.requireParam("b").toArray() : new float[c.outChannels()];
            if (pendingNormalizer.isPresent()) {
                // One offset and scale for every pixel and no padding: (x - m) / s folds into W / s and b - m/s·ΣW.
                InputNormalizer norm = pendingNormalizer.get();
                if (norm.features() != 1 && !uniform(norm)) {
                    throw new IllegalStateException(n.name() + ": a per-pixel normaliser does not fold into a convolution");
                }
                if (!c.padding().equals(Padding.NONE)) {
                    throw new IllegalStateException(n.name() + ": a normaliser folds into an unpadded convolution only");
                }
                double s = norm.scale()[0];
                double m = norm.offset()[0];
                int per = w.length / c.outChannels();
                for (int o = 0; o < c.outChannels(); o++) {
                    double sum = 0;
                    for (int k = 0; k < per; k++) {
                        sum += w[o * per + k];
                        w[o * per + k] = (float) (w[o * per + k] / s);
                    }
                    b[o] = (float) (b[o] - sum * m / s);
                }
                pendingNormalizer = Optional.empty();
            }
            graph.addInitializer(tensor(n.name() + ".weight", w, c.outChannels(), c.inChannels(), c.kernelH(), c.kernelW()));
            graph.addInitializer(tensor(n.name() + ".bias", b, c.outChannels()));
            Padding p = c.padding();
            String linear = c.activation().isIdentity() ? n.name() : n.name() + "_linear";
            node("Conv", n.name(), List.of(in(n), n.name() + ".weight", n.name() + ".bias"), linear,
                    intsAttr("kernel_shape", c.kernelH(), c.kernelW()), intsAttr("strides", c.strideH(), c.strideW()),
                    intsAttr("pads", p.top(), p.left(), p.bottom(), p.right()));
            valueOf.put(n.name(), c.activation().isIdentity() ? linear
                    : activation(n.name() + "_" + actName(c.activation()), linear, c.activation()));
        }

        private static boolean uniform(InputNormalizer norm) {
            float[] off = norm.offset();
            float[] sc = norm.scale();
            for (int i = 1; i < off.length; i++) {
                if (off[i] != off[0] || sc[i] != sc[0]) {
                    return false;
                }
            }
            return true;
        }

        private void pool(Node n, LayerOp.Pool2D p) {
            if (p.padding().mode() != Padding.Mode.EXPLICIT) {
                throw new IllegalStateException(n.name() + ": only explicit padding is written");
            }
            Padding pad = p.padding();
            List<Onnx.AttributeProto> attrs = new ArrayList<>(List.of(intsAttr("kernel_shape", p.kernelH(), p.kernelW()),
                    intsAttr("strides", p.strideH(), p.strideW()),
                    intsAttr("pads", pad.top(), pad.left(), pad.bottom(), pad.right())));
            if (p.kind() == LayerOp.PoolKind.AVG) {
                attrs.add(intAttr("count_include_pad", p.padIncludedInAverage() ? 1 : 0));
            }
            node(p.kind() == LayerOp.PoolKind.MAX ? "MaxPool" : "AveragePool", n.name(), List.of(in(n)), n.name(),
                    attrs.toArray(Onnx.AttributeProto[]::new));
            valueOf.put(n.name(), n.name());
        }

        /** Writes the activation node(s) reading {@code input}; returns the value they compute. */
        private String activation(String name, String input, Activation act) {
            switch (act.kind()) {
                case IDENTITY -> {
                    return input;
                }
                case RELU -> node("Relu", name, List.of(input), name);
                case LEAKY_RELU -> node("LeakyRelu", name, List.of(input), name, floatAttr("alpha", (float) act.alpha()));
                case SIGMOID -> node("Sigmoid", name, List.of(input), name);
                case TANH -> node("Tanh", name, List.of(input), name);
                case HARD_SIGMOID -> node("HardSigmoid", name, List.of(input), name, floatAttr("alpha", 0.2f),
                        floatAttr("beta", 0.5f));
                case HARD_TANH -> {
                    graph.addInitializer(tensor(name + ".min", new float[] {-1f}));
                    graph.addInitializer(tensor(name + ".max", new float[] {1f}));
                    node("Clip", name, List.of(input, name + ".min", name + ".max"), name);
                }
                case SOFTMAX -> node("Softmax", name, List.of(input), name, intAttr("axis", -1));
            }
            return name;
        }

        private static String actName(Activation act) {
            return act.kind().name().toLowerCase(java.util.Locale.ROOT);
        }

        private void node(String opType, String name, List<String> inputs, String output, Onnx.AttributeProto... attrs) {
            Onnx.NodeProto.Builder b = Onnx.NodeProto.newBuilder().setOpType(opType).setName(name)
                    .addAllInput(inputs).addOutput(output);
            for (Onnx.AttributeProto a : attrs) {
                b.addAttribute(a);
            }
            graph.addNode(b);
        }

        /** A float initializer as little-endian raw bytes, as PyTorch writes them. */
        private static Onnx.TensorProto tensor(String name, float[] values, long... dims) {
            ByteBuffer buf = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
            buf.asFloatBuffer().put(values);
            Onnx.TensorProto.Builder t = Onnx.TensorProto.newBuilder().setName(name).setDataType(1)
                    .setRawData(ByteString.copyFrom(buf.array()));
            for (long d : dims) {
                t.addDims(d);
            }
            return t.build();
        }

        private static Onnx.AttributeProto intAttr(String name, long v) {
            return Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.INT).setI(v).build();
        }

        private static Onnx.AttributeProto floatAttr(String name, float v) {
            return Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.FLOAT).setF(v).build();
        }

        private static Onnx.AttributeProto intsAttr(String name, long... v) {
            Onnx.AttributeProto.Builder a = Onnx.AttributeProto.newBuilder().setName(name)
                    .setType(Onnx.AttributeProto.AttributeType.INTS);
            for (long x : v) {
                a.addInts(x);
            }
            return a.build();
        }
    }
}
