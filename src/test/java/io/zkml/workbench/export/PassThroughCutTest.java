package io.zkml.workbench.export;

import io.zkml.workbench.circuit.AleoLimits;
import io.zkml.workbench.circuit.ConsensusVersion;
import io.zkml.workbench.circuit.CostModel;
import io.zkml.workbench.codegen.ChainCuts;
import io.zkml.workbench.codegen.ChainPoint;
import io.zkml.workbench.codegen.ProgramHeader;
import io.zkml.workbench.quant.QuantizedGraph;
import io.zkml.workbench.quant.QuantizedGraphBuilder;
import io.zkml.workbench.samples.SampleCatalog;
import io.zkml.workbench.session.ModelSession;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chain search leaves out a cut right after a pass-through layer (the CNN samples' reshape and flatten
 * Identity layers), whose candidates print and cost as their twins' before that layer, and the cut right after
 * an input layer that computes nothing, whose candidates print and cost as those from the model's input
 * (codegen.ChainTwinsTest), unless the user forces it.
 */
class PassThroughCutTest {

    private static final ProgramHeader HEADER = new ProgramHeader("model.zip", "0".repeat(64), "0".repeat(64), "test");

    /**
     * With the cut after the input left out, the smallest segment that cannot fit starts at the model's input; when no
     * chain fits it is named from its first computing layer, as the segment after the input was named when the search
     * tried that cut (iris-tiny under a 2,000-character program size: the input's own program fits, layer0's does not).
     */
    @Test
    void whenNoChainFitsTheFirstComputingLayerIsNamedNotTheInput() throws Exception {
        ModelSession s = ModelSession.open(SampleCatalog.get("iris-tiny").modelPath(Path.of("sample-models")), null);
        QuantizedGraph g = QuantizedGraphBuilder.build(s.graph(), s.calibrate());
        AleoLimits latest = AleoLimits.at(ConsensusVersion.LATEST);
        AleoLimits small = new AleoLimits(latest.consensus(), latest.maxInputs(), latest.maxOutputs(),
                latest.maxArrayElements(), latest.maxInstructions(), 2_000, latest.maxDeploymentConstraints(),
                latest.maxDeploymentVariables(), latest.offlineSrsLog2());
        Partitioner.Auto auto = new Partitioner(g, CostModel.bundled(), small, HEADER).withinLimits("iris-tiny.zip", false);
        assertEquals(null, auto.cuts());
        assertEquals(List.of("MAX_PROGRAM_SIZE"), auto.blocking().stream().map(c -> c.limit()).toList());
        assertTrue(auto.blocking().get(0).what().startsWith("layer layer0 as a program of its own"),
                auto.blocking().get(0).what());
    }

    @Test
    void theCutsAfterTheCnnSamplesReshapeAndFlattenAreLeftOutUnlessForced() throws Exception {
        for (String sample : List.of("digits-cnn", "fashion-cnn")) {
            ModelSession s = ModelSession.open(SampleCatalog.get(sample).modelPath(Path.of("sample-models")), null);
            QuantizedGraph g = QuantizedGraphBuilder.build(s.graph(), s.calibrate());
            List<ChainPoint> twins = ChainCuts.points(g).stream()
                    .filter(p -> !p.inside() && ChainCuts.passesThrough(g, p.layer() - 1)).toList();
            assertEquals(2, twins.size(), sample + ": the cuts before the conv and the output layers: " + twins);
            Partitioner p = new Partitioner(g, CostModel.bundled(), AleoLimits.at(ConsensusVersion.LATEST), HEADER);
            List<ChainPoint> all = new ArrayList<>(ChainCuts.points(g));
            all.removeAll(twins);
            ChainPoint afterInput = ChainPoint.before(1);
            assertTrue(ChainCuts.handsOnlyInputOn(g, afterInput), sample + "'s input layer computes nothing");
            assertTrue(all.remove(afterInput), sample);
            assertEquals(all, p.searchPoints(List.of()), sample);
            assertTrue(p.searchPoints(List.of(twins.get(1))).contains(twins.get(1)), "a forced cut is searched");
            assertTrue(p.searchPoints(List.of(afterInput)).contains(afterInput), "a forced cut after the input is searched");
        }
    }
}
