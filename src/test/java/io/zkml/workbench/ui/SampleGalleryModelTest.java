package io.zkml.workbench.ui;

import org.junit.jupiter.api.Test;

import java.text.NumberFormat;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SampleGalleryModelTest {

    @Test
    void advertisedSizesMatchTheGraphsTheDefaultLoaderBuilds() {
        SampleGalleryModel gallery = SampleGalleryModel.builtIn();
        assertEquals(6, gallery.samples().size());
        for (SampleModel s : gallery.samples()) {
            long params = DemoGraphs.sample(s.id()).parameterCount();
            assertEquals(NumberFormat.getIntegerInstance(Locale.US).format(params) + " parameters", s.size(), s.id());
        }
    }
}
