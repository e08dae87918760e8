package io.zkml.workbench.design;

import io.zkml.workbench.data.CsvDatasetReader;
import io.zkml.workbench.data.Dataset;
import io.zkml.workbench.graph.Activation;
import io.zkml.workbench.graph.FloatInterpreter;
import io.zkml.workbench.graph.ModelGraph;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetrainerTest {

    private static final Path IRIS_TINY = Path.of("sample-models/iris-tiny.zip");

    @Test
    void aWidenedIrisTinyRetrainsToAtLeast80PercentOnTheTestSplit() throws Exception {
        ModelGraph g = GraphEditTest.sample("iris-tiny");
        Edit wide = GraphEdit.setUnits(g, "layer0", 16);
        TrainingData data = TrainingData.forModel(IRIS_TINY, Optional.empty());
        assertEquals("iris-tiny-train.csv", data.source());
        List<Double> seen = new ArrayList<>();

        RetrainResult r = new Retrainer().retrain(wide.graph(), wide.reinitialised(), data,
                RetrainSettings.of(15, 0.05), "iris-tiny.zip", (e, n, loss) -> seen.add(loss), () -> false);

        assertEquals(15, seen.size());
        assertEquals(seen, r.losses());
        assertTrue(seen.get(14) < seen.get(0), "loss falls: " + seen);
        assertEquals(16, r.graph().node("layer0").outputShape().size(), "re-imported from the written zip");
        assertTrue(r.graph().normalizer().isPresent(), "the normaliser travels with the model");
        double accuracy = accuracy(r.graph(), new CsvDatasetReader().read(Path.of("sample-models/data/iris-tiny-test.csv")));
        assertTrue(accuracy >= 0.8, "test accuracy " + accuracy);
    }

    @Test
    void cancellingStopsBeforeTheNextBatch() throws Exception {
        ModelGraph g = GraphEditTest.sample("iris-tiny");
        AtomicBoolean cancel = new AtomicBoolean();
        List<Integer> epochs = new ArrayList<>();
        CancellationException e = assertThrows(CancellationException.class, () -> new Retrainer().retrain(g,
                java.util.Set.of(), TrainingData.forModel(IRIS_TINY, Optional.empty()), RetrainSettings.of(50, 0.01),
                "iris-tiny.zip", (epoch, n, loss) -> {
                    epochs.add(epoch);
                    cancel.set(true);
                }, cancel::get));
        assertEquals(List.of(1), epochs);
        assertTrue(e.getMessage().contains("epoch 2 of 50"), e.getMessage());
    }

    @Test
    void addingALayerAndRetrainingKeepsTheUntouchedWeightsAsAStart() throws Exception {
        ModelGraph g = GraphEditTest.sample("iris-tiny");
        Edit e = GraphEdit.addActivationAfter(g, "layer0", Activation.IDENTITY);
        RetrainResult r = new Retrainer().retrain(e.graph(), e.reinitialised(),
                TrainingData.forModel(IRIS_TINY, Optional.empty()), RetrainSettings.of(1, 0.001), "iris-tiny.zip",
                (x, y, z) -> { }, () -> false);
        assertEquals(java.util.Set.of("layer0", "layer1"), r.copiedWeights());
        assertEquals(4, r.graph().nodes().size());
    }

    private static double accuracy(ModelGraph g, Dataset test) {
        FloatInterpreter f = new FloatInterpreter(g);
        int correct = 0;
        for (int i = 0; i < test.size(); i++) {
            float[] out = f.output(g.normalizer().orElseThrow().apply(test.features()[i]));
            int best = 0;
            for (int k = 1; k < out.length; k++) {
                if (out[k] > out[best]) {
                    best = k;
                }
            }
            if (best == test.labels()[i]) {
                correct++;
            }
        }
        return (double) correct / test.size();
    }
}
