package io.zkml.workbench.samples;

import org.deeplearning4j.nn.api.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.zkml.workbench.data.DatasetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SampleTrainerTest {

    @TempDir
    Path first;

    @TempDir
    Path second;

    @Test
    void retrainingIrisTinyIsBitwiseDeterministicAndMatchesCommittedModel() throws Exception {
        SampleInfo info = SampleCatalog.get("iris-tiny");
        SampleTrainer trainer = new SampleTrainer();
        TrainingReport a = trainer.train(info.name(), first);
        TrainingReport b = trainer.train(info.name(), second);

        float[] paramsA = params(info, first);
        float[] paramsB = params(info, second);
        float[] committed = params(info, CommittedSamplesTest.SAMPLES);
        assertArrayEquals(paramsA, paramsB, 0f, "two runs in one JVM differ");
        assertArrayEquals(committed, paramsA, 0f, "retrained weights differ from the committed zip");

        assertEquals(info.parameters(), a.parameters());
        assertEquals(info.expectedTestMetric(), a.testMetric(), 1e-9);
        assertEquals(a.testMetric(), b.testMetric());

        for (String csv : new String[]{info.files().trainCsv().orElseThrow(), info.files().testCsv()}) {
            assertEquals(Files.readString(CommittedSamplesTest.SAMPLES.resolve(csv)),
                    Files.readString(first.resolve(csv)), csv);
        }
    }

    @Test
    void unknownSampleNameIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SampleTrainer().train("nope", first));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("iris-mlp"));
    }

    @Test
    void fashionWithoutItsIdxFilesSaysWhereTheyWereLookedFor() {
        DatasetException e = assertThrows(DatasetException.class,
                () -> new SampleTrainer(Optional.of(second)).train("fashion-mlp", first));
        assertEquals(second.resolve("train-images-idx3-ubyte.gz"), e.file());
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("Fashion-MNIST not found in " + second),
                e.getMessage());
        org.junit.jupiter.api.Assertions.assertFalse(Files.exists(first.resolve("fashion-mlp.zip")), "nothing written");
    }

    private static float[] params(SampleInfo info, Path dir) throws Exception {
        Model model = LoadedSample.load(info.modelPath(dir), info.modelKind()).model();
        return model.params().toFloatVector();
    }
}
