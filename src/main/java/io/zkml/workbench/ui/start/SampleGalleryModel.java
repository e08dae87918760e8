package io.zkml.workbench.ui.start;

import io.zkml.workbench.ui.format.Format;

import io.zkml.workbench.samples.SampleCatalog;
import io.zkml.workbench.samples.SampleInfo;

import java.util.List;

/** The samples the start page offers, in display order. */
public record SampleGalleryModel(List<SampleModel> samples) {

    public SampleGalleryModel {
        samples = List.copyOf(samples);
    }

    /** The bundled samples as the catalogue describes them. */
    public static SampleGalleryModel fromCatalog() {
        return new SampleGalleryModel(SampleCatalog.all().stream().map(SampleGalleryModel::card).toList());
    }

    static SampleModel card(SampleInfo s) {
        return new SampleModel(s.name(), s.useCase(), s.architecture(), Format.count(s.parameters()) + " parameters",
                "float " + s.metricName() + " " + s.headlineMetric());
    }
}
