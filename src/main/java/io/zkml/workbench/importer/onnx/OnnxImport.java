package io.zkml.workbench.importer.onnx;

import io.zkml.workbench.graph.ModelGraph;
import java.util.List;
import java.util.Map;

/**
 * What the ONNX importer made of a file.
 *
 * @param graph         the graph model
 * @param onnxValues    per graph node, the ONNX value it computes (after merges): the name ONNX
 *                      Runtime gives the same numbers, so the two can be compared node by node
 * @param preActivation per node that absorbed the activation node after it, the ONNX value before that
 *                      activation (for a softmax node: its logits)
 * @param dropped       the nodes that became no graph node (Identity, Dropout, a final ArgMax), as
 *                      "node i 'name' (Op)"
 * @param endsInArgMax  whether the ONNX graph ended in an ArgMax (its output is the class index)
 */
public record OnnxImport(ModelGraph graph, Map<String, String> onnxValues, Map<String, String> preActivation,
                         List<String> dropped, boolean endsInArgMax) {
}
