package io.zkml.workbench.codegen;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zkml.workbench.circuit.CostEstimate;
import io.zkml.workbench.circuit.CostModel;
import io.zkml.workbench.graph.Activation;
import io.zkml.workbench.quant.Approximation;
import io.zkml.workbench.testing.GoldenFiles;
import io.zkml.workbench.testing.GoldenJson;
import io.zkml.workbench.testing.RecordedCircuits;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files of generated networks with fixed seeds (the ones {@link RandomNetworkSnarkVmTest} and
 * {@link NarrowRequantSnarkVmTest} run in snarkVM): the Aleo and Leo text and the predicted cost,
 * byte for byte, and the prediction equal to the circuit snarkVM synthesized for that same text
 * (recorded by the snarkVM tier). Rewrite with {@code -Dgolden.update=true} (docs/TESTING.md).
 */
class GoldenRandomNetworksTest {

    /** Golden case name → network; the snarkVM tests use the same names for their records. */
    static final Map<String, Supplier<RandomNetworks.Net>> CASES = cases();

    private static Map<String, Supplier<RandomNetworks.Net>> cases() {
        Map<String, Supplier<RandomNetworks.Net>> c = new LinkedHashMap<>();
        c.put(tinyPoolSigmoid(), () -> RandomNetworks.tinyPool(1, Activation.SIGMOID));
        c.put(tinyPoolPolySigmoid(), () -> RandomNetworks.tinyPool(3, Activation.SIGMOID, Approximation.poly(3)));
        for (long seed : new long[] {108, 114, 119, 158}) {
            c.put(seeded(seed), () -> RandomNetworks.generate(seed));
        }
        return c;
    }

    static String tinyPoolSigmoid() {
        return "random/tiny-pool-sigmoid-1";
    }

    static String tinyPoolPolySigmoid() {
        return "random/tiny-pool-poly3-sigmoid-3";
    }

    static String seeded(long seed) {
        return "random/seed-" + seed;
    }

    /** The program as the snarkVM tests lower it (same header and name, so the same text and key cache entry). */
    static IrProgram lower(RandomNetworks.Net net) {
        return new Lowering().lower(net.quantized(), Tiny443.HEADER, "rnd");
    }

    static Stream<String> caseNames() {
        return CASES.keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("caseNames")
    void generatedTextMatchesTheGoldenFiles(String caseName) {
        RandomNetworks.Net net = CASES.get(caseName).get();
        IrProgram ir = lower(net);
        CostEstimate cost = CostModel.bundled().estimate(ir);
        Map<String, String> files = new LinkedHashMap<>();
        files.put("description.txt", net.description().trim() + "\n");
        files.put("main.aleo", new AleoPrinter().print(ir).text());
        files.put("main.leo", new LeoPrinter().print(ir).text());
        files.put("cost.json", GoldenJson.text(costJson(cost)));
        GoldenFiles.assertMatches(caseName, files);
        if (!GoldenFiles.updating()) {
            RecordedCircuits.assertPredictionMatches(caseName, cost.total(), cost.srsDegreeLog2());
        }
    }

    static ObjectNode costJson(CostEstimate cost) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.putPOJO("total", cost.total());
        n.put("srsDegreeLog2", cost.srsDegreeLog2());
        n.put("exact", cost.exact());
        n.putPOJO("unmeasured", cost.unmeasured());
        n.putPOJO("estimated", cost.estimated());
        n.putPOJO("overhead", cost.overhead());
        n.putPOJO("inputs", cost.inputs());
        n.putPOJO("commitment", cost.commitment());
        n.putPOJO("outputs", cost.outputs());
        n.putPOJO("layers", new TreeMap<>(cost.layers()));
        return n;
    }
}
