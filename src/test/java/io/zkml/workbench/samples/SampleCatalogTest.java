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
    void everySampleHasARecipeInTheSameOrder() {
        assertEquals(SampleCatalog.all().stream().map(SampleInfo::name).toList(),
                SampleRecipes.ALL.stream().map(SampleRecipe::name).toList());
    }

    @Test
    void entriesAreCompleteAndUnique() {
        assertEquals(8, new HashSet<>(SampleCatalog.all().stream().map(SampleInfo::name).toList()).size());
        for (SampleInfo s : SampleCatalog.all()) {
            assertFalse(s.useCase().isBlank(), s.name());
            assertFalse(s.architecture().isBlank(), s.name());
            assertTrue(s.parameters() > 0, s.name());
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
