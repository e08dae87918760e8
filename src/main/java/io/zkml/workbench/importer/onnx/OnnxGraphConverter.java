package io.zkml.workbench.importer.onnx;

import io.zkml.workbench.graph.Activation;
import io.zkml.workbench.graph.LayerOp;
import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.graph.Node;
import io.zkml.workbench.graph.Padding;
import io.zkml.workbench.graph.Shape;
import io.zkml.workbench.graph.Tensor;
import io.zkml.workbench.importer.LayerRef;
import io.zkml.workbench.importer.ModelImportException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import onnx.Onnx;

/**
 * Maps one ONNX graph onto the graph model, node by node in the file's (topological) order.
 *
 * <p>Values are tracked by their ONNX names: an activation names the graph node that computes it,
 * a constant (initializer or Constant node) holds its values. Identity and Dropout only rename a
 * value; an activation op directly after a Gemm/MatMul/Conv whose result nobody else reads is merged
 * into that node (as DL4J's layers carry their activation), and so is the Add of a constant bias
 * after a MatMul. Images are channels-first (NCHW), as ONNX and the graph model both keep them, so
 * no index is permuted.
 */
final class OnnxGraphConverter {

    /** A value of the ONNX graph: an activation computed by a graph node, or a constant. */
    private record Value(String node, Shape shape, ConstTensor constant) {
        static Value activation(String node, Shape shape) {
            return new Value(node, shape, null);
        }

        static Value constant(ConstTensor t) {
            return new Value(null, null, t);
        }

        boolean isConstant() {
            return constant != null;
        }
    }

    private final Path file;
    private final int opset;
    private final OnnxTensors tensors;
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Integer> nodeIndex = new HashMap<>();
    private final Map<String, Value> values = new HashMap<>();
    /** Per graph node, how many readers (node inputs and graph outputs) its value still has. */
    private final Map<String, Integer> uses = new HashMap<>();
    /** Per graph node, the ONNX value it computes (after merges): what ONNX Runtime names it. */
    private final Map<String, String> onnxValueOfNode = new LinkedHashMap<>();
    /** Per node that absorbed an activation, the ONNX value before it (a softmax node's logits). */
    private final Map<String, String> preActivationValue = new LinkedHashMap<>();
    private final List<String> dropped = new ArrayList<>();
    private final Map<String, Integer> readers = new HashMap<>();
    private boolean endsInArgMax;
    private long multiplyAdds;
    /** The ONNX node each graph node came from, for messages. */
    private final Map<String, LayerRef> refOfNode = new HashMap<>();

    OnnxGraphConverter(Path file, int opset) {
        this.file = file;
        this.opset = opset;
        this.tensors = new OnnxTensors(file);
    }

    OnnxImport convert(String modelName, Onnx.GraphProto g) throws ModelImportException {
        if (g.getNodeCount() > OnnxLimits.MAX_NODES) {
            throw new ModelImportException(file, "the graph has " + g.getNodeCount() + " nodes, more than the "
                    + OnnxLimits.MAX_NODES + " read; a network that fits an Aleo program is far smaller");
        }
        if (g.getSparseInitializerCount() > 0) {
            throw new ModelImportException(file, "sparse initializers are not read; export dense weights");
        }
        countReaders(g);
        Set<String> initializerNames = new HashSet<>();
        for (Onnx.TensorProto t : g.getInitializerList()) {
            if (!initializerNames.add(t.getName())) {
                throw new ModelImportException(file, "two initializers are named '" + t.getName() + "'; re-export the model");
            }
            values.put(t.getName(), Value.constant(tensors.decode(t, "initializer '" + t.getName() + "'")));
        }
        addInput(g, initializerNames);
        for (int i = 0; i < g.getNodeCount(); i++) {
            convertNode(i, g.getNode(i), g.getNodeCount());
        }
        String output = output(g);
        for (Node n : nodes) {
            if (uses.get(n.name()) <= 0 && !n.name().equals(output)) {
                throw new ModelImportException(file, refOfNode.get(n.name()), "its result is read by no node and is not"
                        + " the graph's output; remove the unused branch before export");
            }
        }
        return new OnnxImport(new ModelGraph(modelName, ModelGraph.SourceKind.ONNX, nodes, List.of(output),
                Optional.empty()), Map.copyOf(onnxValueOfNode), Map.copyOf(preActivationValue), List.copyOf(dropped),
                endsInArgMax);
    }

    private void countReaders(Onnx.GraphProto g) {
        for (Onnx.NodeProto n : g.getNodeList()) {
            for (String in : n.getInputList()) {
                if (!in.isEmpty()) {
                    readers.merge(in, 1, Integer::sum);
                }
            }
        }
        for (Onnx.ValueInfoProto o : g.getOutputList()) {
            readers.merge(o.getName(), 1, Integer::sum);
        }
    }

    private void addInput(Onnx.GraphProto g, Set<String> initializerNames) throws ModelImportException {
        List<Onnx.ValueInfoProto> inputs = g.getInputList().stream()
                .filter(v -> !initializerNames.contains(v.getName())).toList();
        if (inputs.size() != 1) {
            throw new ModelImportException(file, "the graph has " + inputs.size() + " inputs besides its weights ("
                    + inputs.stream().map(Onnx.ValueInfoProto::getName).toList() + "); the workbench reads models"
                    + " with exactly one input");
        }
        Onnx.ValueInfoProto in = inputs.get(0);
        Shape shape = inputShape(in);
        String name = in.getName();
        Node node = new Node(name, new LayerOp.Input(shape), List.of(), shape, Map.of(), "ONNX graph input");
        add(node, name, null);
    }

    private Shape inputShape(Onnx.ValueInfoProto in) throws ModelImportException {
        String what = "input '" + in.getName() + "'";
        if (!in.getType().hasTensorType()) {
            throw new ModelImportException(file, what + " is not a tensor; the workbench reads one float tensor input");
        }
        Onnx.TypeProto.Tensor t = in.getType().getTensorType();
        if (t.getElemType() != OnnxTensors.FLOAT) {
            throw new ModelImportException(file, what + " has element type " + OnnxTensors.typeName(t.getElemType())
                    + "; export the model with a float32 input");
        }
        if (!t.hasShape()) {
            throw new ModelImportException(file, what + " has no shape (a dynamic shape); export the model with a"
                    + " fixed input shape, e.g. [batch, features] or [batch, channels, height, width]");
        }
        int rank = t.getShape().getDimCount();
        if (rank != 2 && rank != 4) {
            throw new ModelImportException(file, what + " has rank " + rank + "; the workbench reads [batch, features]"
                    + " and [batch, channels, height, width] (NCHW) inputs");
        }
        int[] dims = new int[rank - 1];
        for (int i = 0; i < rank; i++) {
            Onnx.TensorShapeProto.Dimension d = t.getShape().getDim(i);
            boolean fixed = d.hasDimValue() && d.getDimValue() > 0 && d.getDimValue() <= OnnxLimits.MAX_TENSOR_ELEMENTS;
            if (i == 0) {
                if (d.hasDimValue() && d.getDimValue() != 1) {
                    throw new ModelImportException(file, what + " has a fixed batch size " + d.getDimValue()
                            + "; export it with batch 1 or a dynamic batch dimension");
                }
                continue;
            }
            if (!fixed) {
                String is = d.hasDimParam() ? "the symbol '" + d.getDimParam() + "'"
                        : d.hasDimValue() ? String.valueOf(d.getDimValue()) : "unknown";
                throw new ModelImportException(file, what + " dimension " + i + " is " + is + " (a dynamic shape);"
                        + " only the batch dimension may be dynamic — export the model with a fixed input size");
            }
            dims[i - 1] = (int) d.getDimValue();
        }
        long size = 1;
        for (int d : dims) {
            size *= d;
        }
        if (size > OnnxLimits.MAX_ACTIVATION_VALUES) {
            throw new ModelImportException(file, what + " has " + size + " values per sample, more than the "
                    + OnnxLimits.MAX_ACTIVATION_VALUES + " read");
        }
        return new Shape(dims);
    }

    // ---------------------------------------------------------------- nodes

    private void convertNode(int index, Onnx.NodeProto n, int nodeCount) throws ModelImportException {
        String name = n.getName().isEmpty() ? (n.getOutputCount() > 0 ? n.getOutput(0) : "node" + index) : n.getName();
        LayerRef ref = LayerRef.onnxNode(index, name, n.getOpType());
        if (!n.getDomain().isEmpty() && !n.getDomain().equals("ai.onnx")) {
            throw new ModelImportException(file, ref, "the op belongs to domain '" + n.getDomain() + "'; the workbench"
                    + " reads ai.onnx ops only (" + OnnxOp.names() + ") — export without custom or contrib ops");
        }
        OnnxOp op = OnnxOp.of(n.getOpType()).orElseThrow(() -> new ModelImportException(file, ref,
                "op " + n.getOpType() + " is not supported; the workbench maps " + OnnxOp.names()
                        + " — " + hint(n.getOpType())));
        if (n.getOutputCount() == 0 || n.getOutput(0).isEmpty()) {
            throw new ModelImportException(file, ref, "the node has no output; the file is damaged — re-export it");
        }
        for (String out : n.getOutputList()) {
            if (!out.isEmpty() && values.containsKey(out)) {
                throw new ModelImportException(file, ref, "value '" + out + "' is computed twice; the file is damaged"
                        + " — re-export it");
            }
        }
        for (String in : n.getInputList()) {
            if (!in.isEmpty() && !values.containsKey(in)) {
                throw new ModelImportException(file, ref, "it reads '" + in + "', which no earlier node, initializer"
                        + " or input defines; ONNX requires nodes in topological order — re-export the model");
            }
        }
        OnnxAttributes attrs = new OnnxAttributes(file, ref, n.getAttributeList());
        NodeContext c = new NodeContext(ref, n, attrs, uniqueName(name, n.getOutput(0)));
        switch (op) {
            case GEMM -> gemm(c);
            case MAT_MUL -> matMul(c);
            case CONV -> conv(c);
            case MAX_POOL, AVERAGE_POOL -> pool(c, op);
            case GLOBAL_AVERAGE_POOL, GLOBAL_MAX_POOL -> globalPool(c, op);
            case BATCH_NORMALIZATION -> batchNorm(c);
            case RELU -> activation(c, Activation.RELU);
            case LEAKY_RELU -> activation(c, Activation.leakyRelu(attrs.getFloat("alpha", 0.01f)));
            case CLIP -> clip(c);
            case HARD_SIGMOID -> hardSigmoid(c);
            case SIGMOID -> activation(c, Activation.SIGMOID);
            case TANH -> activation(c, Activation.TANH);
            case SOFTMAX -> softmax(c);
            case FLATTEN -> flatten(c);
            case RESHAPE -> reshape(c);
            case ADD -> add(c);
            case IDENTITY -> alias(c);
            case DROPOUT -> dropout(c);
            case CONSTANT -> constant(c);
            case ARG_MAX -> argMax(c, index == nodeCount - 1);
        }
        attrs.requireAllRead();
    }

    private static String hint(String opType) {
        return switch (opType) {
            case "Upsample", "Resize" -> "replace the upsampling (it has no graph op yet)";
            case "Sub", "Mul", "Div" -> "fold the arithmetic into the weights before export (e.g. input normalisation"
                    + " into the first layer)";
            case "Concat", "Split", "Slice", "Gather", "Transpose", "Squeeze", "Unsqueeze" -> "export a model without"
                    + " tensor rearrangement (only a flatten before the dense layers is read)";
            case "Pad" -> "give the padding to the Conv or pooling node (its pads attribute)";
            case "If", "Loop", "Scan" -> "export a model without control flow";
            default -> "replace it with one of these ops, or export with a simpler architecture";
        };
    }

    /** One node being converted: its reference for messages, its proto, attributes and graph name. */
    private record NodeContext(LayerRef ref, Onnx.NodeProto proto, OnnxAttributes attrs, String name) {
        String output() {
            return proto.getOutput(0);
        }
    }

    private String uniqueName(String preferred, String output) {
        if (!nodeIndex.containsKey(preferred) && !preferred.isEmpty()) {
            return preferred;
        }
        String s = output;
        for (int k = 2; nodeIndex.containsKey(s); k++) {
            s = output + "_" + k;
        }
        return s;
    }

    private ModelImportException refused(NodeContext c, String message) {
        return new ModelImportException(file, c.ref(), message);
    }

    private Value input(NodeContext c, int k) throws ModelImportException {
        if (k >= c.proto().getInputCount() || c.proto().getInput(k).isEmpty()) {
            throw refused(c, "input " + k + " is missing; the file is damaged — re-export it");
        }
        return values.get(c.proto().getInput(k));
    }

    private Optional<Value> optionalInput(NodeContext c, int k) {
        if (k >= c.proto().getInputCount() || c.proto().getInput(k).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(values.get(c.proto().getInput(k)));
    }

    private Value activationInput(NodeContext c, int k) throws ModelImportException {
        Value v = input(c, k);
        if (v.isConstant()) {
            throw refused(c, "input " + k + " ('" + c.proto().getInput(k) + "') is a constant where an activation is"
                    + " expected; the workbench reads ops on the data flowing from the model's input");
        }
        return v;
    }

    private ConstTensor constantInput(NodeContext c, int k, String what) throws ModelImportException {
        Value v = input(c, k);
        if (!v.isConstant()) {
            throw refused(c, what + " ('" + c.proto().getInput(k) + "') is computed from the input; the workbench"
                    + " reads it only as an initializer or Constant");
        }
        return v.constant();
    }

    private void requireOutputs(NodeContext c, int allowed) throws ModelImportException {
        for (int k = allowed; k < c.proto().getOutputCount(); k++) {
            String out = c.proto().getOutput(k);
            if (!out.isEmpty() && readers.getOrDefault(out, 0) > 0) {
                throw refused(c, "output " + k + " ('" + out + "') is read; only the node's first output is supported");
            }
        }
    }

    private void add(Node node, String onnxValue, LayerRef ref) throws ModelImportException {
        long count = 1;
        for (int d : node.outputShape().dims()) {
            count *= d;
        }
        if (count > OnnxLimits.MAX_ACTIVATION_VALUES) {
            throw new ModelImportException(file, ref, "the output has " + count + " values per sample, more than the "
                    + OnnxLimits.MAX_ACTIVATION_VALUES + " read; a network that fits an Aleo program is far smaller");
        }
        multiplyAdds += multiplyAdds(node, count);
        if (multiplyAdds > OnnxLimits.MAX_MULTIPLY_ADDS) {
            throw new ModelImportException(file, ref, "the model needs more than " + OnnxLimits.MAX_MULTIPLY_ADDS
                    + " multiply-adds per sample up to this node; a network that fits an Aleo program is far smaller");
        }
        if (nodeIndex.containsKey(node.name())) {
            throw new ModelImportException(file, ref, "two nodes would be named '" + node.name() + "'; re-export the"
                    + " model with unique node names");
        }
        nodeIndex.put(node.name(), nodes.size());
        nodes.add(node);
        refOfNode.put(node.name(), ref);
        values.put(onnxValue, Value.activation(node.name(), node.outputShape()));
        uses.put(node.name(), readers.getOrDefault(onnxValue, 0));
        onnxValueOfNode.put(node.name(), onnxValue);
    }

    /** What one node costs to evaluate: a multiply-add per weight use, one step per value otherwise. */
    private static long multiplyAdds(Node node, long outputs) {
        if (node.op() instanceof LayerOp.Dense d) {
            return (long) d.nIn() * d.nOut();
        }
        if (node.op() instanceof LayerOp.Conv2D c) {
            return outputs * c.inChannels() * c.kernelH() * c.kernelW();
        }
        if (node.op() instanceof LayerOp.Pool2D p) {
            return outputs * p.kernelH() * p.kernelW();
        }
        return outputs;
    }

    private Node node(String name) {
        return nodes.get(nodeIndex.get(name));
    }

    /** Replaces a node by a new version of itself that now computes {@code onnxValue}. */
    private void replace(Node node, String onnxValue, int readersOfNewValue) {
        nodes.set(nodeIndex.get(node.name()), node);
        values.put(onnxValue, Value.activation(node.name(), node.outputShape()));
        uses.put(node.name(), readersOfNewValue);
        onnxValueOfNode.put(node.name(), onnxValue);
    }

    private Node linear(NodeContext c, LayerOp op, String input, Shape out, Map<String, Tensor> params) {
        return new Node(c.name(), op, List.of(input), out, params, "ONNX " + c.proto().getOpType());
    }

    // ---------------------------------------------------------------- linear ops

    private void gemm(NodeContext c) throws ModelImportException {
        OnnxAttributes a = c.attrs();
        float alpha = a.getFloat("alpha", 1f);
        float beta = a.getFloat("beta", 1f);
        if (a.getInt("transA", 0) != 0) {
            throw refused(c, "transA = 1 transposes the data; export with transA = 0");
        }
        boolean transB = a.getInt("transB", 0) != 0;
        Value x = flatInput(c);
        ConstTensor b = constantInput(c, 1, "the weight B");
        requireFloat(c, b, 2, "the weight B");
        int k = x.shape().size();
        int rows = b.intDims()[0];
        int cols = b.intDims()[1];
        int nIn = transB ? cols : rows;
        int nOut = transB ? rows : cols;
        if (nIn != k) {
            throw refused(c, "B is " + rows + "x" + cols + (transB ? " (transposed)" : "") + " but the input has " + k
                    + " values");
        }
        float[] w = new float[nIn * nOut];
        for (int i = 0; i < nIn; i++) {
            for (int o = 0; o < nOut; o++) {
                w[i * nOut + o] = alpha * (transB ? b.floats()[o * cols + i] : b.floats()[i * cols + o]);
            }
        }
        Map<String, Tensor> params = new HashMap<>();
        params.put("W", new Tensor(new int[] {nIn, nOut}, w));
        Optional<Value> cv = optionalInput(c, 2);
        if (cv.isPresent()) {
            ConstTensor bias = constantInput(c, 2, "the bias C");
            params.put("b", Tensor.vector(scaled(biasVector(c, bias, nOut), beta)));
        }
        requireOutputs(c, 1);
        add(linear(c, new LayerOp.Dense(nIn, nOut, cv.isPresent(), Activation.IDENTITY), x.node(),
                Shape.flat(nOut), params), c.output(), c.ref());
    }

    private void matMul(NodeContext c) throws ModelImportException {
        Value x = flatInput(c);
        ConstTensor b = constantInput(c, 1, "the weight B");
        requireFloat(c, b, 2, "the weight B");
        int nIn = b.intDims()[0];
        int nOut = b.intDims()[1];
        if (nIn != x.shape().size()) {
            throw refused(c, "B is " + nIn + "x" + nOut + " but the input has " + x.shape().size() + " values");
        }
        requireOutputs(c, 1);
        add(linear(c, new LayerOp.Dense(nIn, nOut, false, Activation.IDENTITY), x.node(), Shape.flat(nOut),
                Map.of("W", new Tensor(new int[] {nIn, nOut}, b.floats()))), c.output(), c.ref());
    }

    private Value flatInput(NodeContext c) throws ModelImportException {
        Value x = activationInput(c, 0);
        if (x.shape().rank() != 1) {
            throw refused(c, "its input is an image (" + x.shape() + "); add a Flatten before "
                    + c.proto().getOpType());
        }
        return x;
    }

    private void requireFloat(NodeContext c, ConstTensor t, int rank, String what) throws ModelImportException {
        if (!t.isFloat() || t.rank() != rank) {
            throw refused(c, what + " ('" + t.name() + "') must be a float tensor of rank " + rank + ", it is "
                    + (t.isFloat() ? "of rank " + t.rank() : "an integer tensor"));
        }
    }

    /** A bias given as [n], [1, n], [n, 1, 1] or [1, n, 1, 1] (or one value broadcast to all n). */
    private float[] biasVector(NodeContext c, ConstTensor t, int n) throws ModelImportException {
        if (!t.isFloat()) {
            throw refused(c, "the bias ('" + t.name() + "') is an integer tensor; export float32 weights");
        }
        if (t.size() == n) {
            return t.floats().clone();
        }
        if (t.size() == 1) {
            float[] v = new float[n];
            java.util.Arrays.fill(v, t.floats()[0]);
            return v;
        }
        throw refused(c, "the bias ('" + t.name() + "') has " + t.size() + " values for " + n + " outputs");
    }

    private static float[] scaled(float[] v, float factor) {
        float[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= factor;
        }
        return out;
    }

    private void conv(NodeContext c) throws ModelImportException {
        OnnxAttributes a = c.attrs();
        Value x = imageInput(c);
        ConstTensor w = constantInput(c, 1, "the weight W");
        requireFloat(c, w, 4, "the weight W");
        int[] wd = w.intDims();
        int outC = wd[0];
        int kh = wd[2];
        int kw = wd[3];
        if (a.getInt("group", 1) != 1) {
            throw refused(c, "group " + a.getInt("group", 1) + " (grouped or depthwise convolution) is not supported;"
                    + " export with group 1");
        }
        if (wd[1] != x.shape().channels()) {
            throw refused(c, "W expects " + wd[1] + " input channels, the input has " + x.shape().channels());
        }
        long[] kernel = a.getInts("kernel_shape");
        if (kernel != null && (kernel.length != 2 || kernel[0] != kh || kernel[1] != kw)) {
            throw refused(c, "kernel_shape " + java.util.Arrays.toString(kernel) + " disagrees with W's " + kh + "x" + kw);
        }
        Window win = window(c, x.shape(), kh, kw);
        Map<String, Tensor> params = new HashMap<>();
        params.put("W", new Tensor(wd, w.floats()));
        Optional<Value> bv = optionalInput(c, 2);
        if (bv.isPresent()) {
            params.put("b", Tensor.vector(biasVector(c, constantInput(c, 2, "the bias B"), outC)));
        }
        requireOutputs(c, 1);
        LayerOp.Conv2D op = new LayerOp.Conv2D(x.shape().channels(), outC, kh, kw, win.strideH, win.strideW,
                win.padding, bv.isPresent(), Activation.IDENTITY);
        add(linear(c, op, x.node(), Shape.chw(outC, win.outH, win.outW), params), c.output(), c.ref());
    }

    private Value imageInput(NodeContext c) throws ModelImportException {
        Value x = activationInput(c, 0);
        if (!x.shape().isImage()) {
            throw refused(c, "its input is flat (" + x.shape() + "); " + c.proto().getOpType()
                    + " reads a [channels, height, width] image");
        }
        return x;
    }

    /** A 2-D window's strides, padding and output size. */
    private record Window(int strideH, int strideW, Padding padding, int outH, int outW) {
    }

    private Window window(NodeContext c, Shape in, int kh, int kw) throws ModelImportException {
        OnnxAttributes a = c.attrs();
        long[] dilations = a.getInts("dilations");
        if (dilations != null && (dilations.length != 2 || dilations[0] != 1 || dilations[1] != 1)) {
            throw refused(c, "dilations " + java.util.Arrays.toString(dilations) + " are not supported; export"
                    + " with dilation 1");
        }
        long[] strides = a.getInts("strides");
        if (strides != null && (strides.length != 2 || strides[0] < 1 || strides[1] < 1 || strides[0] > 64
                || strides[1] > 64)) {
            throw refused(c, "strides " + java.util.Arrays.toString(strides) + " are not two strides in 1..64");
        }
        int sh = strides == null ? 1 : (int) strides[0];
        int sw = strides == null ? 1 : (int) strides[1];
        String autoPad = a.getString("auto_pad", "NOTSET");
        long[] pads = a.getInts("pads");
        Padding padding;
        switch (autoPad) {
            case "NOTSET" -> {
                if (pads == null) {
                    padding = Padding.NONE;
                } else {
                    if (pads.length != 4) {
                        throw refused(c, "pads has " + pads.length + " values; a 2-D window takes 4");
                    }
                    for (long p : pads) {
                        if (p < 0 || p > 64) {
                            throw refused(c, "pads " + java.util.Arrays.toString(pads) + " are outside 0..64");
                        }
                    }
                    // ONNX orders pads [top, left, bottom, right].
                    padding = new Padding(Padding.Mode.EXPLICIT, (int) pads[0], (int) pads[1], (int) pads[2],
                            (int) pads[3]);
                }
            }
            case "VALID" -> padding = Padding.NONE;
            case "SAME_UPPER", "SAME_LOWER" -> {
                int[] v = samePads(in.height(), kh, sh, autoPad.equals("SAME_LOWER"));
                int[] h = samePads(in.width(), kw, sw, autoPad.equals("SAME_LOWER"));
                padding = new Padding(Padding.Mode.EXPLICIT, v[0], h[0], v[1], h[1]);
            }
            default -> throw refused(c, "auto_pad '" + autoPad + "' is not an ONNX padding mode");
        }
        if (!autoPad.equals("NOTSET") && pads != null) {
            throw refused(c, "both auto_pad and pads are given; the file is damaged — re-export it");
        }
        if (kh > in.height() + padding.top() + padding.bottom() || kw > in.width() + padding.left() + padding.right()) {
            throw refused(c, "the " + kh + "x" + kw + " window is larger than the padded " + in.height() + "x"
                    + in.width() + " input");
        }
        int outH = padding.outputAndPadBefore(in.height(), kh, sh, true)[0];
        int outW = padding.outputAndPadBefore(in.width(), kw, sw, false)[0];
        return new Window(sh, sw, padding, outH, outW);
    }

    /** ONNX's SAME padding: output ceil(in / stride); the odd pixel goes after (UPPER) or before (LOWER). */
    private static int[] samePads(int in, int k, int s, boolean lower) {
        int out = (in + s - 1) / s;
        int total = Math.max((out - 1) * s + k - in, 0);
        int small = total / 2;
        return lower ? new int[] {total - small, small} : new int[] {small, total - small};
    }

    private void pool(NodeContext c, OnnxOp op) throws ModelImportException {
        OnnxAttributes a = c.attrs();
        Value x = imageInput(c);
        long[] kernel = a.getInts("kernel_shape");
        if (kernel == null || kernel.length != 2 || kernel[0] < 1 || kernel[1] < 1 || kernel[0] > 64 || kernel[1] > 64) {
            throw refused(c, "kernel_shape " + (kernel == null ? "is missing" : java.util.Arrays.toString(kernel))
                    + "; a 2-D pooling window of 1..64 per side is needed");
        }
        if (a.getInt("ceil_mode", 0) != 0) {
            throw refused(c, "ceil_mode = 1 is not supported; export with ceil_mode = 0 (floor)");
        }
        boolean includePad = false;
        if (op == OnnxOp.MAX_POOL) {
            if (a.getInt("storage_order", 0) != 0) {
                throw refused(c, "storage_order = 1 (column-major indices) is not supported");
            }
            requireOutputs(c, 1);
        } else {
            includePad = a.getInt("count_include_pad", 0) != 0;
        }
        Window win = window(c, x.shape(), (int) kernel[0], (int) kernel[1]);
        LayerOp.Pool2D p = new LayerOp.Pool2D(op == OnnxOp.MAX_POOL ? LayerOp.PoolKind.MAX : LayerOp.PoolKind.AVG,
                (int) kernel[0], (int) kernel[1], win.strideH, win.strideW, win.padding, includePad);
        add(linear(c, p, x.node(), Shape.chw(x.shape().channels(), win.outH, win.outW), Map.of()), c.output(), c.ref());
    }

    private void globalPool(NodeContext c, OnnxOp op) throws ModelImportException {
        Value x = imageInput(c);
        Shape s = x.shape();
        LayerOp.Pool2D p = new LayerOp.Pool2D(op == OnnxOp.GLOBAL_MAX_POOL ? LayerOp.PoolKind.MAX : LayerOp.PoolKind.AVG,
                s.height(), s.width(), 1, 1, Padding.NONE, false);
        add(linear(c, p, x.node(), Shape.chw(s.channels(), 1, 1), Map.of()), c.output(), c.ref());
    }

    private void batchNorm(NodeContext c) throws ModelImportException {
        OnnxAttributes a = c.attrs();
        float eps = a.getFloat("epsilon", 1e-5f);
        a.getFloat("momentum", 0.9f); // training only
        if (a.getInt("training_mode", 0) != 0) {
            throw refused(c, "training_mode = 1; export the model in inference mode (model.eval())");
        }
        if (!(eps >= 0)) {
            throw refused(c, "epsilon " + eps + " is negative");
        }
        requireOutputs(c, 1);
        Value x = activationInput(c, 0);
        int features = x.shape().isImage() ? x.shape().channels() : x.shape().size();
        float[][] p = new float[4][];
        String[] what = {"scale", "B", "input_mean", "input_var"};
        for (int k = 0; k < 4; k++) {
            ConstTensor t = constantInput(c, k + 1, what[k]);
            if (!t.isFloat() || t.size() != features) {
                throw refused(c, what[k] + " ('" + t.name() + "') has " + t.size() + " values for " + features
                        + " features");
            }
            p[k] = t.floats();
        }
        float[] std = new float[features];
        for (int i = 0; i < features; i++) {
            if (p[3][i] < 0) {
                throw refused(c, "input_var is negative (" + p[3][i] + ") at index " + i);
            }
            std[i] = (float) Math.sqrt((double) p[3][i] + eps);
        }
        Map<String, Tensor> params = Map.of("gamma", Tensor.vector(p[0]), "beta", Tensor.vector(p[1]),
                "mean", Tensor.vector(p[2]), "std", Tensor.vector(std));
        add(linear(c, new LayerOp.BatchNorm(features, eps), x.node(), x.shape(), params), c.output(), c.ref());
    }

    // ---------------------------------------------------------------- element-wise ops

    private void activation(NodeContext c, Activation act) throws ModelImportException {
        Value x = activationInput(c, 0);
        requireOutputs(c, 1);
        Node prev = node(x.node());
        LayerOp merged = withActivation(prev.op(), act);
        if (merged != null && uses.get(prev.name()) == 1) {
            // The linear node's own result is read by this activation only: one node, as DL4J's layers.
            preActivationValue.put(prev.name(), onnxValueOfNode.get(prev.name()));
            replace(new Node(prev.name(), merged, prev.inputs(), prev.outputShape(), prev.params(),
                    prev.sourceClass() + "+" + c.proto().getOpType()), c.output(), readers.getOrDefault(c.output(), 0));
            return;
        }
        add(linear(c, new LayerOp.Act(act), x.node(), x.shape(), Map.of()), c.output(), c.ref());
    }

    /** The linear op with {@code act} as its activation, or null when it has one already or is not linear. */
    private static LayerOp withActivation(LayerOp op, Activation act) {
        if (op instanceof LayerOp.Dense d && d.activation().isIdentity()) {
            return new LayerOp.Dense(d.nIn(), d.nOut(), d.hasBias(), act);
        }
        if (op instanceof LayerOp.Conv2D cv && cv.activation().isIdentity() && act.kind() != Activation.Kind.SOFTMAX) {
            return new LayerOp.Conv2D(cv.inChannels(), cv.outChannels(), cv.kernelH(), cv.kernelW(), cv.strideH(),
                    cv.strideW(), cv.padding(), cv.hasBias(), act);
        }
        return null;
    }

    private void clip(NodeContext c) throws ModelImportException {
        Float min = clipBound(c, 1, "min");
        Float max = clipBound(c, 2, "max");
        boolean noMax = max == null || max == Float.POSITIVE_INFINITY;
        if (min != null && min == -1f && max != null && max == 1f) {
            activation(c, Activation.HARD_TANH);
        } else if (min != null && min == 0f && noMax) {
            activation(c, Activation.RELU);
        } else {
            throw refused(c, "Clip to [" + (min == null ? "-∞" : min) + ", " + (max == null ? "∞" : max) + "] has no"
                    + " graph op yet; the workbench reads Clip to [-1, 1] (HardTanh) and [0, ∞) (ReLU) — ReLU6 and"
                    + " other bounds need a clamp op that is not built yet");
        }
    }

    private Float clipBound(NodeContext c, int k, String what) throws ModelImportException {
        if (optionalInput(c, k).isEmpty()) {
            return null;
        }
        ConstTensor t = constantInput(c, k, what);
        if (!t.isFloat() || t.size() != 1) {
            throw refused(c, what + " ('" + t.name() + "') must be one float");
        }
        return t.floats()[0];
    }

    private void hardSigmoid(NodeContext c) throws ModelImportException {
        float alpha = c.attrs().getFloat("alpha", 0.2f);
        float beta = c.attrs().getFloat("beta", 0.5f);
        if (alpha != 0.2f || beta != 0.5f) {
            throw refused(c, "HardSigmoid with alpha " + alpha + " and beta " + beta + "; the workbench's HardSigmoid"
                    + " is DL4J's (alpha 0.2, beta 0.5) — export with those (PyTorch's Hardsigmoid uses 1/6 and 0.5)");
        }
        activation(c, Activation.HARD_SIGMOID);
    }

    private void softmax(NodeContext c) throws ModelImportException {
        long axis = c.attrs().getInt("axis", opset >= 13 ? -1 : 1);
        Value x = activationInput(c, 0);
        if (x.shape().rank() != 1 || (axis != 1 && axis != -1)) {
            throw refused(c, "Softmax over axis " + axis + " of a " + x.shape() + " activation; the workbench reads"
                    + " Softmax over the features of a flat [batch, n] activation");
        }
        activation(c, Activation.SOFTMAX);
    }

    private void flatten(NodeContext c) throws ModelImportException {
        long axis = c.attrs().getInt("axis", 1);
        Value x = activationInput(c, 0);
        if (axis != 1) {
            throw refused(c, "Flatten with axis " + axis + "; the workbench reads Flatten with axis 1 (keep the batch"
                    + " dimension)");
        }
        toFlat(c, x);
    }

    private void toFlat(NodeContext c, Value x) throws ModelImportException {
        requireOutputs(c, 1);
        if (x.shape().rank() == 1) {
            alias(c);
            return;
        }
        add(linear(c, new LayerOp.Flatten(), x.node(), Shape.flat(x.shape().size()), Map.of()), c.output(), c.ref());
    }

    private void reshape(NodeContext c) throws ModelImportException {
        c.attrs().getInt("allowzero", 0);
        Value x = activationInput(c, 0);
        ConstTensor shape = constantInput(c, 1, "the target shape");
        long size = x.shape().size();
        long[] t = shape.ints();
        boolean flattens = t != null && t.length == 2
                && (t[0] == 1 || t[0] == 0 || t[0] == -1)
                && (t[1] == size || (t[1] == -1 && t[0] != -1));
        if (!flattens) {
            throw refused(c, "Reshape to " + (t == null ? "a float shape" : java.util.Arrays.toString(t)) + " is not a"
                    + " flatten of the " + x.shape() + " activation; the workbench reads Reshape only to [batch, "
                    + size + "] (use Flatten)");
        }
        toFlat(c, x);
    }

    private void add(NodeContext c) throws ModelImportException {
        requireOutputs(c, 1);
        Value a = input(c, 0);
        Value b = input(c, 1);
        if (a.isConstant() && b.isConstant()) {
            throw refused(c, "both inputs are constants; fold them before export");
        }
        if (a.isConstant() || b.isConstant()) {
            Value x = a.isConstant() ? b : a;
            ConstTensor bias = (a.isConstant() ? a : b).constant();
            Node prev = node(x.node());
            boolean open = uses.get(prev.name()) == 1 && prev.op().activation().isIdentity();
            if (open && prev.op() instanceof LayerOp.Dense d && !d.hasBias()) {
                Map<String, Tensor> params = new HashMap<>(prev.params());
                params.put("b", Tensor.vector(biasVector(c, bias, d.nOut())));
                replace(new Node(prev.name(), new LayerOp.Dense(d.nIn(), d.nOut(), true, Activation.IDENTITY),
                        prev.inputs(), prev.outputShape(), params, prev.sourceClass() + "+Add"), c.output(),
                        readers.getOrDefault(c.output(), 0));
                return;
            }
            if (open && prev.op() instanceof LayerOp.Conv2D cv && !cv.hasBias() && (bias.size() == cv.outChannels()
                    || bias.size() == 1)) {
                Map<String, Tensor> params = new HashMap<>(prev.params());
                params.put("b", Tensor.vector(biasVector(c, bias, cv.outChannels())));
                replace(new Node(prev.name(), new LayerOp.Conv2D(cv.inChannels(), cv.outChannels(), cv.kernelH(),
                        cv.kernelW(), cv.strideH(), cv.strideW(), cv.padding(), true, Activation.IDENTITY),
                        prev.inputs(), prev.outputShape(), params, prev.sourceClass() + "+Add"), c.output(),
                        readers.getOrDefault(c.output(), 0));
                return;
            }
            throw refused(c, "Add of a constant is read only as the bias of the MatMul or Conv (without bias) right"
                    + " before it; fold the constant into the weights before export");
        }
        if (!a.shape().equals(b.shape())) {
            throw refused(c, "Add of a " + a.shape() + " and a " + b.shape() + " activation; the workbench adds"
                    + " activations of one shape (no broadcasting)");
        }
        add(new Node(c.name(), new LayerOp.ElementwiseAdd(), List.of(a.node(), b.node()), a.shape(), Map.of(),
                "ONNX Add"), c.output(), c.ref());
    }

    private void alias(NodeContext c) throws ModelImportException {
        Value x = activationInput(c, 0);
        requireOutputs(c, 1);
        values.put(c.output(), x);
        // The renamed value's readers now read the node; this node's own read of it is gone.
        uses.merge(x.node(), readers.getOrDefault(c.output(), 0) - 1, Integer::sum);
        dropped.add(c.ref().toString());
    }

    private void dropout(NodeContext c) throws ModelImportException {
        c.attrs().getInt("seed", 0);
        if (opset < 12) {
            c.attrs().getFloat("ratio", 0.5f);
        }
        Optional<Value> training = optionalInput(c, 2);
        if (training.isPresent()) {
            ConstTensor t = constantInput(c, 2, "training_mode");
            boolean on = t.isFloat() ? t.floats().length > 0 && t.floats()[0] != 0
                    : t.ints().length > 0 && t.ints()[0] != 0;
            if (on) {
                throw refused(c, "training_mode is true; export the model in inference mode (model.eval())");
            }
        }
        alias(c);
    }

    private void constant(NodeContext c) throws ModelImportException {
        Onnx.TensorProto t = c.attrs().getTensor("value");
        if (t == null) {
            throw refused(c, "the Constant has no 'value' tensor; the workbench reads tensor constants only");
        }
        values.put(c.output(), Value.constant(tensors.decode(t, c.ref() + " value")));
    }

    private void argMax(NodeContext c, boolean last) throws ModelImportException {
        long axis = c.attrs().getInt("axis", 0);
        c.attrs().getInt("keepdims", 1);
        if (c.attrs().getInt("select_last_index", 0) != 0) {
            throw refused(c, "select_last_index = 1 is not supported; the program's argmax takes the first maximum");
        }
        Value x = activationInput(c, 0);
        if (!last || readers.getOrDefault(c.output(), 0) != 1 || x.shape().rank() != 1 || (axis != 1 && axis != -1)) {
            throw refused(c, "ArgMax is read only as the graph's last node, over axis 1 of a flat activation, giving the"
                    + " graph's output (the program's argmax output mode computes it)");
        }
        // The graph's output now reads the node the ArgMax read: its count of readers stays.
        values.put(c.output(), x);
        endsInArgMax = true;
        dropped.add(c.ref().toString());
    }

    // ---------------------------------------------------------------- outputs

    private String output(Onnx.GraphProto g) throws ModelImportException {
        if (g.getOutputCount() != 1) {
            throw new ModelImportException(file, "the graph has " + g.getOutputCount() + " outputs; the workbench"
                    + " reads models with exactly one output");
        }
        String name = g.getOutput(0).getName();
        Value v = values.get(name);
        if (v == null || v.isConstant()) {
            throw new ModelImportException(file, "the graph's output '" + name + "' is "
                    + (v == null ? "computed by no node" : "a constant") + "; re-export the model");
        }
        return v.node();
    }
}
