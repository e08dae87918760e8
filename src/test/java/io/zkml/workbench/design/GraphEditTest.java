package io.zkml.workbench.design;

import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.graph.Activation;
import io.zkml.workbench.graph.FloatInterpreter;
import io.zkml.workbench.graph.LayerOp;
import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.graph.Node;
import io.zkml.workbench.importer.ModelImporter;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GraphEditTest {

    static ModelGraph sample(String name) throws Exception {
        return new ModelImporter().importModel(Path.of("sample-models", name + ".zip"));
    }

    @Test
    void addingADenseAfterTheHiddenLayerWidensTheNextLayersInputAndReinitialisesIt() throws Exception {
        ModelGraph g = sample("iris-tiny");
        Edit e = GraphEdit.addDenseAfter(g, "layer0", 8, Activation.RELU);

        assertEquals(g.nodes().size() + 1, e.graph().nodes().size());
        Node added = e.graph().node("dense0");
        assertEquals(new LayerOp.Dense(4, 8, true, Activation.RELU), added.op());
        assertEquals("dense0", e.graph().node("layer1").inputs().get(0));
        assertEquals(8, ((LayerOp.Output) e.graph().node("layer1").op()).nIn());
        assertArrayEquals(new int[] {8, 3}, e.graph().node("layer1").requireParam("W").shape());
        assertEquals(Set.of("dense0", "layer1"), e.reinitialised());
        assertEquals(g.node("layer0"), e.graph().node("layer0"), "layers upstream keep their trained weights");
        assertEquals(3, new FloatInterpreter(e.graph()).output(new float[4]).length, "the edited graph still runs");
    }

    @Test
    void deletingTheAddedLayerBringsBackTheOriginalShapes() throws Exception {
        ModelGraph g = sample("iris-tiny");
        ModelGraph added = GraphEdit.addDenseAfter(g, "layer0", 8, Activation.TANH).graph();
        Edit e = GraphEdit.delete(added, "dense0");

        assertEquals(g.nodes().stream().map(Node::name).toList(), e.graph().nodes().stream().map(Node::name).toList());
        assertEquals(g.node("layer1").op(), e.graph().node("layer1").op());
        assertEquals(Set.of("layer1"), e.reinitialised(), "its 8-input weights no longer fit");
    }

    @Test
    void changingUnitsUpdatesTheConsumerAndActivationKeepsWeights() throws Exception {
        ModelGraph g = sample("iris-mlp");
        Edit e = GraphEdit.setUnits(g, "layer0", 24);
        assertArrayEquals(new int[] {4, 24}, e.graph().node("layer0").requireParam("W").shape());
        assertArrayEquals(new int[] {24}, e.graph().node("layer0").outputShape().dims());
        assertEquals(24, ((LayerOp.Output) e.graph().node("layer1").op()).nIn());
        assertEquals(Set.of("layer0", "layer1"), e.reinitialised());

        Edit act = GraphEdit.setActivation(g, "layer0", Activation.TANH);
        assertEquals(Activation.TANH, act.graph().node("layer0").op().activation());
        assertEquals(g.node("layer0").params(), act.graph().node("layer0").params());
        assertTrue(act.reinitialised().isEmpty());
    }

    @Test
    void changingConvolutionFiltersAndKernelRecomputesEveryShapeBelow() throws Exception {
        ModelGraph g = sample("digits-cnn");
        Edit e = GraphEdit.setConvolution(g, "conv", 4, 5, 5);
        assertArrayEquals(new int[] {4, 4, 4}, e.graph().node("conv").outputShape().dims());
        assertArrayEquals(new int[] {4, 2, 2}, e.graph().node("pool").outputShape().dims());
        assertEquals(16, ((LayerOp.Output) e.graph().node("output").op()).nIn());
        assertTrue(e.reinitialised().containsAll(Set.of("conv", "output")), e.reinitialised().toString());

        WorkbenchException tooBig = assertThrows(WorkbenchException.class,
                () -> GraphEdit.setConvolution(g, "conv", 8, 9, 9));
        assertTrue(tooBig.getMessage().contains("does not fit"), tooBig.getMessage());
    }

    @Test
    void deletesThatWouldBreakShapesAreRefusedWithTheReason() throws Exception {
        ModelGraph cnn = sample("digits-cnn");
        String flatten = cnn.node("output").inputs().get(0);
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> GraphEdit.delete(cnn, flatten));
        assertTrue(e.getMessage().startsWith("Deleting " + flatten + " would break the shapes: output is a Output"
                + " layer and needs a flat input"), e.getMessage());

        ModelGraph iris = sample("iris-tiny");
        assertTrue(assertThrows(WorkbenchException.class, () -> GraphEdit.delete(iris, "layer1")).getMessage()
                .contains("is the model's output"));
        assertTrue(assertThrows(WorkbenchException.class, () -> GraphEdit.delete(iris, "input")).getMessage()
                .contains("needs its input"));
        assertTrue(assertThrows(WorkbenchException.class,
                () -> GraphEdit.addDenseAfter(iris, "layer1", 4, Activation.RELU)).getMessage()
                .contains("Nothing can follow the output"));
        assertTrue(assertThrows(WorkbenchException.class, () -> GraphEdit.setUnits(iris, "layer0", 0)).getMessage()
                .contains("at least 1"));
    }

    /** Records an edit in the history the way the workbench does: the state after it, described. */
    private static DesignState edit(EditHistory<DesignState> h, Edit e) {
        return h.apply(h.current().after(e), e.description());
    }

    @Test
    void undoAndRedoWalkBackAndForthThroughEdits() throws Exception {
        ModelGraph g = sample("iris-tiny");
        EditHistory<DesignState> h = new EditHistory<>(DesignState.original(g));
        assertFalse(h.canUndo());
        edit(h, GraphEdit.addDenseAfter(h.current().graph(), "layer0", 8, Activation.RELU));
        DesignState wide = edit(h, GraphEdit.setUnits(h.current().graph(), "dense0", 12));
        assertEquals(Set.of("dense0", "layer1"), wide.freshLayers());
        assertEquals("Set dense0 to 12 units", h.undoDescription().orElseThrow());

        h.undo();
        h.undo();
        assertEquals(g, h.current().graph());
        assertFalse(h.isEdited());
        assertFalse(h.canUndo());
        h.redo();
        assertEquals(4, h.current().graph().nodes().size());
        assertEquals(wide.graph(), h.redo().orElseThrow().graph());
        assertFalse(h.canRedo());

        h.undo();
        edit(h, GraphEdit.setActivation(h.current().graph(), "dense0", Activation.TANH));
        assertFalse(h.canRedo(), "a new edit drops the redo branch");
    }

    @Test
    void stepsRecordedByTheHistoryReplayToTheSameGraphAndWeights() throws Exception {
        ModelGraph g = sample("iris-tiny");
        EditHistory<DesignState> h = new EditHistory<>(DesignState.original(g));
        edit(h, DesignStep.addDense("layer0", 8, Activation.RELU).applyTo(h.current().graph()));
        edit(h, DesignStep.setUnits("dense0", 12).applyTo(h.current().graph()));
        edit(h, DesignStep.addActivation("dense0", Activation.leakyRelu(0.2)).applyTo(h.current().graph()));
        DesignState edited = h.current();
        assertTrue(edited.replayable());
        assertEquals(3, edited.steps().size());
        h.undo();
        assertEquals(2, h.current().steps().size(), "undo takes the step back");
        h.redo();

        List<DesignState> replayed = DesignState.original(g).replay(edited.steps());
        DesignState last = replayed.get(replayed.size() - 1);
        assertEquals(edited.graph(), last.graph(), "same shapes and the same seeded placeholder weights");
        assertEquals(edited.freshLayers(), last.freshLayers(), "retraining still knows which weights are placeholders");
        assertEquals(new Activation(Activation.Kind.LEAKY_RELU, 0.2),
                ((LayerOp.Act) last.graph().node("act0").op()).activation());
        assertEquals(List.of(1, 2, 3), replayed.stream().map(s -> s.steps().size()).toList(),
                "one state per replayed step, so each is undoable");
    }

    @Test
    void aStepThatNoLongerFitsIsRefusedByName() throws Exception {
        ModelGraph g = sample("iris-tiny");
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> DesignState.original(g).replay(List.of(
                DesignStep.addDense("layer0", 8, Activation.RELU), DesignStep.setUnits("nowhere", 3))));
        assertTrue(e.getMessage().contains("nowhere"), e.getMessage());
    }

    @Test
    void anEditMadeOutsideADesignStepMakesTheStateUnreplayable() throws Exception {
        DesignState s = DesignState.original(sample("iris-tiny"));
        assertFalse(s.after(GraphEdit.addDenseAfter(s.graph(), "layer0", 8, Activation.RELU)).replayable());
    }

    @Test
    void positionsTellWhetherTheHistoryIsBackAtAState() {
        EditHistory<String> h = new EditHistory<>("a");
        long saved = h.position();
        h.apply("b", "to b");
        assertNotEquals(saved, h.position());
        h.undo();
        assertEquals(saved, h.position(), "undo returns to the very same position");
        h.amend("a, calibrated");
        assertEquals(saved, h.position(), "an amendment keeps the position");
        assertEquals("a, calibrated", h.current());
        assertEquals(Optional.of("to b"), h.redoDescription());
        h.apply("c", "to c");
        assertFalse(h.canRedo());
        assertEquals(Optional.of("to c"), h.undoDescription());
    }
}
