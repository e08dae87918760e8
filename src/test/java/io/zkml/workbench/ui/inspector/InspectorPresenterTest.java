package io.zkml.workbench.ui.inspector;

import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.graph.Tensor;
import io.zkml.workbench.ui.TestGraphs;
import io.zkml.workbench.ui.graph.NodeMetrics;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The inspector's rows for real graph nodes, without a window. */
class InspectorPresenterTest {

    private final ModelGraph graph = TestGraphs.branchAndMerge();

    @Test
    void aDenseLayerShowsItsShapesItsTensorsWeightsFirstAndItsCost() {
        InspectorPresenter p = InspectorPresenter.of(graph, List.of("dense_a"), "dense_a",
                Optional.of(NodeMetrics.of(1234, 0.25, 0.001)));
        assertEquals("dense_a", p.node());
        assertEquals(graph.node("dense_a").typeName(), p.title());
        assertTrue(p.subtitle().startsWith("dense_a  ·  DenseLayer"), p.subtitle());
        assertEquals(graph.node("input").outputShape().toString(), p.shapes().get("In: input"), p.shapes().toString());
        assertEquals("8  (8 values)", p.shapes().get("Out"));
        assertEquals("branch_left, branch_right", p.shapes().get("Feeds"));
        assertEquals(List.of("W", "b"), p.parameters().stream().map(InspectorPresenter.ParameterRow::name).toList());
        assertEquals("4×8", p.parameters().get(0).shape());
        Tensor w = graph.node("dense_a").params().get("W");
        assertEquals(io.zkml.workbench.ui.format.Format.value(TensorStats.of(w).max()), p.parameters().get(0).max());
        assertEquals("40 parameters", p.parameterTotal());
        assertEquals("1,234", p.cost().get("Constraints"));
        assertEquals(io.zkml.workbench.ui.format.Format.percent(0.25), p.cost().get("Share of program"));
    }

    @Test
    void severalSelectedAreCountedWithTheirParametersAndNoFiguresMeansNoCostRows() {
        InspectorPresenter p = InspectorPresenter.of(graph, List.of("dense_a", "merge"), "merge", Optional.empty());
        assertTrue(p.subtitle().endsWith("2 nodes selected, 40 parameters in total"), p.subtitle());
        assertTrue(p.parameters().isEmpty(), "an add has no tensors");
        assertTrue(p.cost().isEmpty());
        assertEquals("model output", InspectorPresenter.of(graph, List.of("output"), "output", Optional.empty())
                .shapes().get("Feeds"));
        assertEquals("1,234", p.withCost(Optional.of(NodeMetrics.of(1234, 0.5, 0))).cost().get("Constraints"));
    }
}
