package io.zkml.workbench.export;

import io.zkml.workbench.circuit.ExactCost;
import io.zkml.workbench.codegen.IrInterpreter;
import io.zkml.workbench.prove.CircuitInfo;
import io.zkml.workbench.prove.SidecarClient;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.QuantSpecJson;
import io.zkml.workbench.samples.SampleCatalog;
import io.zkml.workbench.session.ModelSession;
import io.zkml.workbench.testing.SnarkVm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * iris-tiny cut after layer0 into a 2-program chain: each transition snarkVM synthesizes is the one the
 * cost model predicted, in all five counts (the entry with its call of the next segment, measured in
 * the chain; the callee on its own, with the inputs the entry passes it).
 */
@SnarkVm
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChainCostSnarkVmTest {

    private SidecarClient client;

    @BeforeAll
    void start(SidecarClient shared) {
        client = shared;
    }

    @Test
    void irisTinyTwoSegmentChainIsPredictedExactly() throws Exception {
        ModelSession s = ModelSession.open(SampleCatalog.get("iris-tiny").modelPath(Path.of("sample-models")), null);
        QuantSpec spec = s.calibrate();
        CompiledModel m = ModelCompiler.standard().compile(s, spec, new QuantSpecJson().toJson(spec),
                CompileSettings.defaults().withPartitioning(new Partitioning(null, List.of("layer0"))), null);
        CompiledSegment entry = m.segments().get(0);
        CompiledSegment callee = m.segments().get(1);
        String type = entry.program().inputs().get(0).reg().arrayType().element().aleo();
        long[] x = {10, 20, 30, 40};
        String input = AleoValues.literal(x, type, true);
        List<Object> xs = List.of(List.of(BigInteger.valueOf(10), BigInteger.valueOf(20), BigInteger.valueOf(30),
                BigInteger.valueOf(40)));
        CircuitInfo measuredEntry = client.synthesizeChainEntry(entry.aleoText(), "main", List.of(input),
                Map.of(callee.programId(), callee.aleoText()));
        System.out.println("iris-tiny chain entry: snarkVM " + measuredEntry + " predicted " + entry.cost().total());
        @SuppressWarnings("unchecked")
        List<BigInteger> passed = (List<BigInteger>) new IrInterpreter().callArguments(entry.program(), xs).get(0);
        String calleeInput = AleoValues.literal(passed.stream().mapToLong(BigInteger::longValueExact).toArray(),
                callee.receives().type().aleo(), true);
        CircuitInfo measuredCallee = client.synthesize(callee.aleoText(), "main", List.of(calleeInput)).circuit();
        System.out.println("iris-tiny chain callee: snarkVM " + measuredCallee + " predicted " + callee.cost().total());
        ExactCost.assertExact(measuredEntry, entry.cost(), "iris-tiny chain entry");
        ExactCost.assertExact(measuredCallee, callee.cost(), "iris-tiny chain callee");
    }
}
