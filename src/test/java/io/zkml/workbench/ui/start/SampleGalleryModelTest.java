package io.zkml.workbench.ui.start;

import io.zkml.workbench.samples.SampleCatalog;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SampleGalleryModelTest {

    @Test
    void theGalleryShowsTheCatalogueInItsOrderWithItsFigures() {
        SampleGalleryModel gallery = SampleGalleryModel.fromCatalog();
        assertEquals(SampleCatalog.all().stream().map(s -> s.name()).toList(),
                gallery.samples().stream().map(SampleModel::id).toList());
        SampleModel iris = gallery.samples().get(0);
        assertEquals(List.of("iris-mlp", SampleCatalog.get("iris-mlp").useCase(), "131 parameters",
                "float test accuracy 100.00%"), List.of(iris.id(), iris.purpose(), iris.size(), iris.metric()));
        assertEquals("float test MAE 41.82", gallery.samples().get(4).metric());
        // Fashion-MNIST's headline is the trainer's figure on all 10,000 test images, not the committed 500.
        SampleModel fashion = gallery.samples().get(6);
        assertEquals("fashion-mlp", fashion.id());
        assertEquals("float test accuracy " + SampleCatalog.get("fashion-mlp").headlineMetric(), fashion.metric());
        assertTrue(fashion.metric().endsWith(" on 10,000 test images"), fashion.metric());
    }
}
