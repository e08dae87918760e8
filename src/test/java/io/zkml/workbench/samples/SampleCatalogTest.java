package io.zkml.workbench.samples;

import io.zkml.workbench.data.TaskKind;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SampleCatalogTest {

    @Test
    void everyTrainedSampleHasARecipeInTheSameOrderAndTheOnnxOnesComeLast() {
        assertEquals(SampleCatalog.all().stream().filter(s -> s.modelKind() != ModelKind.ONNX).map(SampleInfo::name).toList(),
                SampleRecipes.ALL.stream().map(SampleRecipe::name).toList());
        assertEquals(SampleCatalog.all().stream().filter(s -> s.modelKind() == ModelKind.ONNX).map(SampleInfo::name).toList(),
                OnnxSamples.ALL.stream().map(OnnxSamples.Spec::name).toList());
        assertEquals(List.of("iris-onnx", "digits-onnx"), SampleCatalog.all().subList(8, 10).stream()
                .map(SampleInfo::name).toList());
    }

    @Test
    void entriesAreCompleteAndUnique() {
        assertEquals(10, new HashSet<>(SampleCatalog.all().stream().map(SampleInfo::name).toList()).size());
        for (SampleInfo s : SampleCatalog.all()) {
            assertFalse(s.useCase().isBlank(), s.name());
            assertFalse(s.architecture().isBlank(), s.name());
            assertTrue(s.parameters() > 0, s.name());
            if (s.modelKind() == ModelKind.ONNX) {
                // An ONNX sample reads the data of the DL4J sample whose weights it carries.
                String source = OnnxSamples.find(s.name()).orElseThrow().source();
                assertEquals(s.name() + ".onnx", s.files().model());
                assertEquals("data/" + source + "-test.csv", s.files().testCsv());
                assertEquals(NormalizerKind.FOLDED, s.normalizer());
                assertEquals(SampleCatalog.get(source).classNames(), s.classNames());
                assertEquals(SampleCatalog.get(source).parameters(), s.parameters());
                continue;
            }
            assertEquals(s.name() + ".zip", s.files().model());
            boolean fashion = s.name().startsWith("fashion-");
            // Fashion-MNIST's 60,000 training images stay with the source; both its samples share the test rows.
            assertEquals(fashion ? SampleCatalog.FASHION_TEST_CSV : "data/" + s.name() + "-test.csv",
                    s.files().testCsv());
            assertEquals(!fashion, s.files().trainCsv().isPresent(), s.name());
            assertEquals(fashion, s.sourceTest().isPresent(), s.name());
            assertEquals(s.task() == TaskKind.CLASSIFICATION, !s.classNames().isEmpty(), s.name());
            assertTrue(Double.isFinite(s.expectedTestMetric()), s.name());
        }
        assertEquals(List.of("setosa", "versicolor", "virginica"), SampleCatalog.get("iris-mlp").classNames());
        assertEquals("41.82", SampleCatalog.get("diabetes-regression").formattedMetric());
        assertEquals("41.82", SampleCatalog.get("diabetes-regression").headlineMetric());
        assertTrue(SampleCatalog.get("fashion-cnn").headlineMetric().endsWith("% on 10,000 test images"),
                SampleCatalog.get("fashion-cnn").headlineMetric());
    }

    @Test
    void unknownNameSaysWhatExists() {
        assertTrue(SampleCatalog.find("nope").isEmpty());
        NoSuchElementException e = assertThrows(NoSuchElementException.class, () -> SampleCatalog.get("nope"));
        assertTrue(e.getMessage().contains("digits-cnn"), e.getMessage());
    }
}
