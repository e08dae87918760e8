package io.zkml.workbench.export;

import io.zkml.workbench.circuit.CircuitInfo;
import io.zkml.workbench.circuit.CostEstimate;
import io.zkml.workbench.codegen.WeightsMode;
import io.zkml.workbench.graph.LayerOp;
import io.zkml.workbench.graph.Node;
import io.zkml.workbench.quant.LayerQuant;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.QuantSpecJson;
import io.zkml.workbench.session.ModelSession;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The function's own cost parts (overhead, inputs, outputs) are components of the estimate, not
 * rows keyed by a name: a network whose layers are called {@code input}, {@code fixed} and
 * {@code output} is priced exactly like the same network with other names, layer for layer.
 */
class ReservedCostRowsTest {

    @TempDir
    Path tmp;

    @Test
    void layersNamedLikeTheFunctionsPartsKeepTheirOwnRows() throws Exception {
        CompiledModel reserved = compile("reserved", "input", "fixed", "output");
        CompiledModel plain = compile("plain", "a", "b", "c");
        CostEstimate r = reserved.cost();
        CostEstimate p = plain.cost();

        assertEquals(List.of("input", "fixed", "output"), List.copyOf(r.layers().keySet()));
        assertEquals(p.total(), r.total(), "names change no cost");
        assertEquals(p.overhead(), r.overhead());
        assertEquals(p.inputs(), r.inputs());
        assertEquals(p.outputs(), r.outputs());
        assertEquals(p.layers().get("a"), r.layers().get("input"), "the layer 'input' holds only its own instructions");
        assertEquals(p.layers().get("b"), r.layers().get("fixed"), "the layer 'fixed' holds no function overhead");
        assertEquals(p.layers().get("c"), r.layers().get("output"), "the layer 'output' holds no output cost");
        assertTrue(r.overhead().constraints() > r.layers().get("fixed").constraints(),
                "the overhead (" + r.overhead() + ") is far above a 3x3 dense layer");

        CircuitInfo sum = r.overhead().plus(r.inputs()).plus(r.outputs());
        for (CircuitInfo c : r.layers().values()) {
            sum = sum.plus(c);
        }
        assertEquals(r.total(), sum, "the parts add up to the total");

        // The report: one row per part, the layer rows named by their layers and the function's by none.
        List<CostReport.LayerCost> rows = CostReport.of(reserved, null, null).layers();
        assertEquals(List.of(CostReport.LayerCost.FUNCTION, CostReport.LayerCost.INPUTS, CostReport.LayerCost.LAYER,
                        CostReport.LayerCost.LAYER, CostReport.LayerCost.LAYER, CostReport.LayerCost.OUTPUTS),
                rows.stream().map(CostReport.LayerCost::part).toList());
        assertNull(rows.get(0).layer());
        assertEquals(List.of("input", "fixed", "output"),
                rows.stream().filter(CostReport.LayerCost::modelLayer).map(CostReport.LayerCost::layer).toList());
        assertEquals(r.overhead().constraints(), rows.get(0).constraints());
        assertEquals(r.outputs().constraints(), rows.get(5).constraints());
        assertEquals(r.layers().get("output").constraints(), rows.get(4).constraints());
    }

    /** With committed weights the commitment is the function's part too, even beside a layer called "weights". */
    @Test
    void aLayerNamedWeightsKeepsItsRowBesideTheCommitment() throws Exception {
        CompileSettings committed = CompileSettings.defaults().withWeightsMode(WeightsMode.PRIVATE_COMMITTED);
        CompiledModel reserved = compile("weights", committed, "weights", "fixed", "output");
        CompiledModel plain = compile("plain2", committed, "a", "b", "c");
        CostEstimate r = reserved.cost();
        CostEstimate p = plain.cost();
        // "x", the input layer, has a row of its own: it unpacks the data from the shared array (scheme /2).
        assertEquals(List.of("x", "weights", "fixed", "output"), List.copyOf(r.layers().keySet()));
        assertEquals(CircuitInfo.ZERO, r.layers().get("x"), "unpacking is free");
        assertEquals(p.total(), r.total());
        assertEquals(p.commitment(), r.commitment());
        assertTrue(r.commitment().constraints() > 0, "hashing the weights costs: " + r.commitment());
        assertEquals(p.layers().get("a"), r.layers().get("weights"), "the layer 'weights' holds no hashing");
        assertTrue(!"weights".equals(reserved.program().commitmentLayer()), reserved.program().commitmentLayer());
        List<CostReport.LayerCost> rows = CostReport.of(reserved, null, null).layers();
        assertEquals(CostReport.LayerCost.COMMITMENT, rows.get(rows.size() - 2).part());
        assertEquals(r.commitment().constraints(), rows.get(rows.size() - 2).constraints());
    }

    private CompiledModel compile(String file, String... names) throws Exception {
        return compile(file, CompileSettings.defaults(), names);
    }

    /** A 2-3-3-2 ComputationGraph with input "x" and layers named {@code names}, saved and compiled. */
    private CompiledModel compile(String file, CompileSettings settings, String... names) throws Exception {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(11).graphBuilder()
                .addInputs("x")
                .addLayer(names[0], new DenseLayer.Builder().nIn(2).nOut(3).activation(Activation.RELU).build(), "x")
                .addLayer(names[1], new DenseLayer.Builder().nIn(3).nOut(3).activation(Activation.RELU).build(), names[0])
                .addLayer(names[2], new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(3).nOut(2)
                        .activation(Activation.SOFTMAX).build(), names[1])
                .setOutputs(names[2])
                .setInputTypes(InputType.feedForward(2))
                .build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        Path zip = tmp.resolve(file + ".zip");
        ModelSerializer.writeModel(net, zip.toFile(), false);
        Path data = tmp.resolve(file + ".csv");
        Files.write(data, List.of("x0,x1,label", "1.2,-0.4,0", "-0.8,1.5,1", "0.3,0.3,0", "-1.1,-0.2,1"));
        ModelSession session = ModelSession.open(zip, data);
        Map<String, LayerQuant> layers = new LinkedHashMap<>();
        List<String> seen = new ArrayList<>();
        for (Node n : session.graph().nodes()) {
            if (!(n.op() instanceof LayerOp.Input)) {
                layers.put(n.name(), LayerQuant.of(8, 8));
                seen.add(n.name());
            }
        }
        assertEquals(List.of(names), seen, "the imported graph keeps the layer names");
        QuantSpec spec = QuantSpec.of(8, layers);
        return ModelCompiler.standard().compile(session, spec, new QuantSpecJson().toJson(spec), settings, null);
    }
}
