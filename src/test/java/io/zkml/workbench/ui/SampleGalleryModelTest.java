package io.zkml.workbench.ui;

import io.zkml.workbench.samples.SampleCatalog;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    }
}
