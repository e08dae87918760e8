package io.zkml.workbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkml.workbench.export.CompileSettings;
import io.zkml.workbench.export.CompiledModel;
import io.zkml.workbench.export.Fees;
import io.zkml.workbench.export.ModelCompiler;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.QuantSpecJson;
import io.zkml.workbench.session.ModelSession;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #13's benchmark command: for fashion-mlp it prints the compiled program's total constraints
 * (within the goal of 100,000), constraints per weight, transitions, deployment fee and
 * proving estimate, the same figures the compiler gives; a cap no cut can meet is reported as refused
 * with the compiler's reason, not as a failure of the command.
 */
class BenchChainCommandTest {

    @Test
    void fashionMlpIsPricedFromTheCompiledProgramAndAnImpossibleCapIsRefused() throws Exception {
        CliRunner.Result r = CliRunner.run(null, "bench-chain", "--only", "fashion-mlp", "--max-srs", "16", "--json");
        assertEquals(ZkmlCli.OK, r.exit(), r.out() + r.err());
        JsonNode rows = new ObjectMapper().readTree(r.out());
        assertEquals(2, rows.size(), r.out());

        Path zip = Path.of("sample-models/fashion-mlp.zip");
        ModelSession s = ModelSession.open(zip, null);
        QuantSpec q = s.calibrate();
        CompiledModel m = ModelCompiler.standard().compileWith(s, q, new QuantSpecJson().toJson(q),
                CompileSettings.defaults(), null);

        JsonNode one = rows.get(0);
        assertTrue(one.path("maxSrsLog2").isNull() && one.path("refused").isNull(), one.toString());
        JsonNode plan = one.path("plan");
        assertEquals(1, plan.path("transitions").size());
        assertEquals(m.totalConstraints(), plan.path("totalConstraints").asLong());
        assertTrue(plan.path("totalConstraints").asLong() <= BenchChainCommand.GOAL_CONSTRAINTS,
                "issue #13's goal: fashion-mlp in at most 100,000 constraints, got " + plan.path("totalConstraints"));
        assertEquals(s.graph().parameterCount(), one.path("parameters").asLong());
        assertEquals((double) m.totalConstraints() / s.graph().parameterCount(), one.path("constraintsPerWeight").asDouble(), 1e-9);
        assertEquals(Fees.deploymentEstimate(m.programId(), m.aleoText().length(), m.cost().total()).total(),
                one.path("fees").path("deploymentFeesEstimateMicrocredits").asLong());
        assertEquals(Fees.execution(List.of(m.program())).total(), one.path("fees").path("executionFeeMicrocredits").asLong());
        assertEquals(m.provingEstimate().provingSeconds(), plan.path("provingEstimate").path("provingSeconds").asDouble(), 1e-9);
        assertEquals(m.srsDegreeLog2(), one.path("largestSrsLog2").asInt());

        JsonNode capped = rows.get(1);
        assertEquals(16, capped.path("maxSrsLog2").asInt());
        assertTrue(capped.path("plan").isNull(), capped.toString());
        assertTrue(capped.path("refused").asText().contains("cannot be split into transitions of at most SRS 2^16"),
                capped.toString());

        CliRunner.Result text = CliRunner.run(null, "bench-chain", "--only", "iris-tiny", "--max-srs", "16");
        assertEquals(ZkmlCli.OK, text.exit(), text.err());
        assertTrue(text.out().contains("iris-tiny") && text.out().contains("Goal for fashion-mlp"), text.out());
    }
}
