package io.zkml.workbench.graph;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One node of the model graph. {@code name} is unique in its graph and follows the source
 * network's layer name; {@code inputs} name the nodes it reads; {@code sourceClass} is the DL4J
 * (or Keras) class it came from, for messages.
 */
public record Node(String name, LayerOp op, List<String> inputs, Shape outputShape,
                   Map<String, Tensor> params, String sourceClass) {

    public Node {
        inputs = List.copyOf(inputs);
        params = Map.copyOf(params);
    }

    public String typeName() {
        return op.typeName();
    }

    public Optional<Tensor> param(String key) {
        return Optional.ofNullable(params.get(key));
    }

    public Tensor requireParam(String key) {
        Tensor t = params.get(key);
        if (t == null) {
            throw new IllegalStateException("node " + name + " (" + typeName() + ") has no parameter " + key);
        }
        return t;
    }

    public long parameterCount() {
        long n = 0;
        for (Tensor t : params.values()) {
            n += t.size();
        }
        return n;
    }

    public Node withParams(Map<String, Tensor> newParams) {
        return new Node(name, op, inputs, outputShape, newParams, sourceClass);
    }
}
