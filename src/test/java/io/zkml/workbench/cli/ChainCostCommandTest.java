package io.zkml.workbench.cli;

import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `zkml cost` lists every transition of a chain and its fee (export: ChainExportCommandTest). */
class ChainCostCommandTest {

    private static final String IRIS_TINY = "sample-models/iris-tiny.zip";

    @Test
    void costListsEveryTransitionWithItsDeploymentFee() throws Exception {
        CliRunner.Result r = CliRunner.run(null, "cost", IRIS_TINY, "--split-after", "layer0");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("2 transitions"), r.out());
        assertTrue(r.out().contains("iris_tiny.aleo") && r.out().contains("iris_tiny_s1.aleo"), r.out());
        assertTrue(r.out().contains("fees: execution ") && r.out().contains("(estimate from the program text's"), r.out());
        CliRunner.Result json = CliRunner.run(null, "cost", IRIS_TINY, "--split-after", "layer0", "--json");
        assertTrue(json.out().contains("\"transitions\"") && json.out().contains("\"deploymentFeeEstimateMicrocredits\"")
                && json.out().contains("\"executionFeeMicrocredits\""),
                json.out());
        System.out.println(r.out());
    }

    @Test
    void aSingleProgramReportHasNoTransitionsField() throws Exception {
        CliRunner.Result json = CliRunner.run(null, "cost", IRIS_TINY, "--json");
        assertEquals(0, json.exit(), json.err());
        assertTrue(!json.out().contains("\"transitions\""), json.out());
    }
}
