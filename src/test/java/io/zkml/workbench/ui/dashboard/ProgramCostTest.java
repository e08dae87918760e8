package io.zkml.workbench.ui.dashboard;

import io.zkml.workbench.export.ChannelCut;
import io.zkml.workbench.export.CompileSettings;
import io.zkml.workbench.export.CompiledModel;
import io.zkml.workbench.export.CompiledSegment;
import io.zkml.workbench.export.ModelCompiler;
import io.zkml.workbench.export.Partitioning;
import io.zkml.workbench.circuit.CircuitInfo;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.QuantSpecJson;
import io.zkml.workbench.session.ModelSession;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard's figures without a window: read from the compiled program, a chain's added up over
 * its transitions, each layer under the transition that lowers it.
 */
class ProgramCostTest {

    @Test
    void aChainsFiguresAreItsTransitionsAddedUp() throws Exception {
        ModelSession s = ModelSession.open(Path.of("sample-models", "iris-tiny.zip"), null);
        QuantSpec spec = s.calibrate();
        String json = new QuantSpecJson().toJson(spec);
        ModelCompiler compiler = ModelCompiler.standard();

        ProgramCost one = new ProgramCost(compiler.compile(s, spec, json));
        assertEquals(1, one.transitions());
        assertEquals(one.program().cost().total().constraints(), one.totalConstraints());
        assertTrue(one.transitionByNode().isEmpty(), "one program needs no transition badges");
        assertFalse(one.commitsToWeights());
        assertEquals(0, one.commitment());

        CompiledModel chain = compiler.compile(s, spec, json,
                CompileSettings.defaults().withPartitioning(new Partitioning(null, List.of("layer0"))), null);
        ProgramCost c = new ProgramCost(chain);
        assertEquals(2, c.transitions());
        assertEquals(chain.segments().stream().mapToLong(t -> t.cost().total().constraints()).sum(), c.totalConstraints());
        assertEquals(Map.of("input", 1, "layer0", 1, "layer1", 2), Map.copyOf(c.transitionByNode()));
        long layers = c.constraintsByNode().values().stream().mapToLong(Long::longValue).sum();
        long expected = 0;
        for (CompiledSegment t : chain.segments()) {
            expected += t.cost().layers().values().stream().mapToLong(i -> i.constraints()).sum();
        }
        assertEquals(expected, layers, "every transition's layers, each under its own name");
        assertTrue(c.functionOverhead() > one.functionOverhead(), "the second function and the call cost more");
        // The chain's hand-off: the entry's call of the second program and that program's receiving the values.
        assertEquals(chain.segments().get(1).cost().inputs().constraints()
                + chain.segments().stream().mapToLong(t -> t.cost().call().constraints()).sum(), c.handoffs());
        assertTrue(c.handoffs() > 0);
        assertEquals(c.totalConstraints(), c.functionOverhead() + c.inputs() + c.handoffs() + layers + c.commitment()
                + c.outputs(), "the chart's bars add up to the chain's total");
        assertEquals(0, one.handoffs(), "one program hands nothing over");
        // iris-tiny's four inputs cost less than the overhead's reference input: no inputs figure of their own.
        assertEquals(0, one.inputs());
        assertEquals(one.program().cost().functionAndInputs().constraints(), one.functionOverhead());
        assertEquals(chain.srsDegreeLog2(), c.srsDegreeLog2());
    }

    @Test
    void fashionMlpsInputsAreAFigureOfTheirOwnAndFewerInputBitsMakeThemCheaper() throws Exception {
        ModelSession s = ModelSession.open(Path.of("sample-models", "fashion-mlp.zip"), null);
        QuantSpec spec = s.calibrate();
        ModelCompiler compiler = ModelCompiler.standard();
        ProgramCost c = new ProgramCost(compiler.compile(s, spec, new QuantSpecJson().toJson(spec)));
        CircuitInfo received = c.program().cost().inputs();
        assertEquals(received.constraints(), c.inputs(), "784 private values cost more than the reference input");
        assertTrue(c.inputs() > c.functionOverhead(), "Fashion-MNIST's inputs cost more than the function itself");
        assertEquals(c.program().cost().functionAndInputs().constraints(), c.functionOverhead() + c.inputs());
        long parts = c.functionOverhead() + c.inputs() + c.constraintsByNode().values().stream().mapToLong(Long::longValue).sum()
                + c.commitment() + c.outputs();
        assertEquals(c.totalConstraints(), parts, "the chart's bars add up to the total");

        // The input node's "Input bits" set the inputs' type: 8 bits make them i8, which packs tighter.
        QuantSpec narrow = spec.withInput(spec.inputFracBits(), 8);
        ProgramCost n = new ProgramCost(compiler.compile(s, narrow, new QuantSpecJson().toJson(narrow)));
        assertTrue(n.program().aleoText().contains("[i8; 784u32]"), "the input is an i8 array");
        assertTrue(n.inputs() < c.inputs(), n.inputs() + " < " + c.inputs());
    }

    @Test
    void aLayerCutBetweenItsChannelsSpansTheTransitionsThatComputeIt() throws Exception {
        ModelSession s = ModelSession.open(Path.of("sample-models", "digits-cnn.zip"), null);
        QuantSpec spec = s.calibrate();
        CompiledModel chain = ModelCompiler.standard().compile(s, spec, new QuantSpecJson().toJson(spec),
                CompileSettings.defaults().withPartitioning(new Partitioning(null, List.of(),
                        List.of(new ChannelCut("conv", 2)))), null);
        ProgramCost c = new ProgramCost(chain);
        assertEquals(2, c.transitions());
        assertEquals(1, c.transitionByNode().get("conv"), "its first channels are computed by the entry");
        assertEquals(2, c.lastTransitionByNode().get("conv"), "its last by the next program");
        String last = chain.quantized().output().name();
        assertEquals(2, c.transitionByNode().get(last));
        assertEquals(2, c.lastTransitionByNode().get(last));
    }
}
