package io.zkml.workbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MNIST-scale samples through the commands a user runs first: they open, evaluate on their
 * committed 500 rows, and are priced; where a program exceeds Aleo's limits, cost names the limit
 * and its numbers in its report instead of failing without one (the partitioner will split them).
 */
class FashionSamplesCommandTest {

    @TempDir
    Path tmp;

    @Test
    void trainSamplesWithoutTheIdxFilesSaysWhereToGetThem() {
        CliRunner.Result r = CliRunner.run(null, "train-samples", "--only", "fashion-cnn", "--out",
                tmp.resolve("out").toString(), "--fashion-mnist", tmp.toString());
        assertEquals(ZkmlCli.USER_ERROR, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("Fashion-MNIST not found in " + tmp), r.err());
        assertTrue(r.err().contains("train-images-idx3-ubyte.gz"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void inspectListsTheLayersAndParameters() {
        CliRunner.Result mlp = CliRunner.run(null, "inspect", "sample-models/fashion-mlp.zip");
        assertEquals(ZkmlCli.OK, mlp.exit(), mlp.err());
        assertTrue(mlp.out().contains("12,730 parameters, input [784], normaliser minmax"), mlp.out());
        CliRunner.Result cnn = CliRunner.run(null, "inspect", "sample-models/fashion-cnn.zip");
        assertEquals(ZkmlCli.OK, cnn.exit(), cnn.err());
        assertTrue(cnn.out().contains("6,810 parameters"), cnn.out());
    }

    @Test
    void evalKeepsTheFloatAccuracyOnTheCommittedRows() {
        CliRunner.Result mlp = CliRunner.run(null, "eval", "sample-models/fashion-mlp.zip");
        assertEquals(ZkmlCli.OK, mlp.exit(), mlp.err());
        assertTrue(mlp.out().contains("fashion-mlp on 500 samples"), mlp.out());
        assertTrue(mlp.out().contains("accuracy: float 87.80%, quantized 87.80%"), mlp.out());
        CliRunner.Result cnn = CliRunner.run(null, "eval", "sample-models/fashion-cnn.zip");
        assertEquals(ZkmlCli.OK, cnn.exit(), cnn.err());
        assertTrue(cnn.out().contains("accuracy: float 90.60%, quantized 90.60%"), cnn.out());
    }

    @Test
    void costFitsTheMlpInOneTransitionAndTheCnnInAChainCutInsideItsConvLayer() throws Exception {
        CliRunner.Result mlp = CliRunner.run(null, "cost", "sample-models/fashion-mlp.zip");
        assertEquals(ZkmlCli.OK, mlp.exit(), mlp.out() + mlp.err());
        assertTrue(mlp.out().contains("ok   MAX_PROGRAM_SIZE"), mlp.out());
        assertTrue(mlp.out().contains("SRS degree needed: 2^19"), mlp.out());
        // 784 inputs pack beyond the lengths the packing rule was verified on: an estimate with its bound.
        assertTrue(mlp.out().contains("prediction: estimated ± "), mlp.out());
        CliRunner.Result json = CliRunner.run(null, "cost", "sample-models/fashion-mlp.zip", "--json");
        assertEquals(ZkmlCli.OK, json.exit(), json.err());
        com.fasterxml.jackson.databind.JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out());
        assertFalse(report.path("predictionExact").asBoolean());
        assertTrue(report.path("predictionErrorBound").asLong() > 0, json.out());
        Path out = tmp.resolve("fashion-mlp-export");
        CliRunner.Result export = CliRunner.run(null, "export", "sample-models/fashion-mlp.zip", "--out", out.toString());
        assertEquals(ZkmlCli.OK, export.exit(), export.out() + export.err());
        com.fasterxml.jackson.databind.JsonNode manifest = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.resolve("export.json").toFile());
        assertFalse(manifest.path("predictionExact").asBoolean());
        assertEquals(report.path("predictionErrorBound").asLong(), manifest.path("predictionErrorBound").asLong(),
                "export.json records the bound the cost report gives");

        CliRunner.Result cnn = CliRunner.run(null, "cost", "sample-models/fashion-cnn.zip");
        assertEquals(ZkmlCli.OK, cnn.exit(), cnn.out() + cnn.err());
        // Its conv layer alone is over one program's size: the compiler cuts the chain inside it (LayerSplitTest).
        assertFalse(cnn.out().contains("FAIL MAX_INSTRUCTIONS"), cnn.out());
        assertFalse(cnn.out().contains("FAIL MAX_PROGRAM_SIZE"), cnn.out());
        assertTrue(cnn.out().contains("3 transitions") && cnn.out().contains("fashion_cnn_s2.aleo"), cnn.out());
        assertFalse(cnn.err().contains("\tat "), "no stack trace: " + cnn.err());
        // The chain's total and its prediction are all three transitions', as the dashboard shows them; the
        // prediction line gave the entry's bound (± 23,290 of the chain's ± 121,100) after the chain's table.
        io.zkml.workbench.session.ModelSession s = io.zkml.workbench.session.ModelSession.open(
                Path.of("sample-models/fashion-cnn.zip"), null);
        io.zkml.workbench.quant.QuantSpec spec = s.calibrate();
        io.zkml.workbench.export.CompiledModel chain = io.zkml.workbench.export.ModelCompiler.standard().compile(s,
                spec, new io.zkml.workbench.quant.QuantSpecJson().toJson(spec));
        assertTrue(cnn.out().lines().anyMatch(l -> l.startsWith("  all transitions ")
                && l.endsWith(" " + String.format(java.util.Locale.US, "%,d", chain.totalConstraints()))), cnn.out());
        assertTrue(cnn.out().contains("prediction (all transitions): " + chain.totalExactness() + ";"), cnn.out());
        assertFalse(chain.totalExactness().equals(chain.cost().exactness()), "the entry's bound is not the chain's");
        com.fasterxml.jackson.databind.JsonNode cnnJson = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                CliRunner.run(null, "cost", "sample-models/fashion-cnn.zip", "--json").out());
        assertEquals(chain.totalConstraints(), cnnJson.path("chain").path("constraints").asLong());
        assertEquals(chain.totalErrorBound(), cnnJson.path("chain").path("predictionErrorBound").asLong());
        assertEquals(chain.cost().total().constraints(), cnnJson.path("total").path("constraints").asLong(),
                "the report's total stays the entry's, as its layer rows");
        // Auto-tune prices its candidates as the chain they compile to: it gave 563,822 for this spec (the one
        // program, over the size limit, that is never exported) where cost and the dashboard say 780,707.
        var tuned = new io.zkml.workbench.export.MeasuredConstraintEstimator(io.zkml.workbench.export.ModelCompiler.standard(),
                s, io.zkml.workbench.export.CompileSettings.defaults(), null)
                .estimate(io.zkml.workbench.quant.QuantizedGraphBuilder.build(s.graph(), spec));
        assertEquals(chain.totalConstraints(), tuned.total());
        assertEquals(chain.totalConstraints(), tuned.fixedOverhead() + tuned.layers().stream()
                .mapToLong(io.zkml.workbench.quant.ConstraintEstimate.LayerCost::constraints).sum());
    }
}
