package io.zkml.workbench.session;

import io.zkml.workbench.samples.SampleCatalog;
import java.nio.file.Path;

/** Opens the committed sample models with their committed test splits (tests run from the project root). */
final class Samples {

    static final Path DIR = Path.of("sample-models");

    private Samples() {
    }

    static ModelSession open(String name) throws Exception {
        return ModelSession.open(SampleCatalog.get(name).modelPath(DIR), null);
    }
}
