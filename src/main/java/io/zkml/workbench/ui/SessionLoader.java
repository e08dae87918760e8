package io.zkml.workbench.ui;

import io.zkml.workbench.io.FileHashes;
import io.zkml.workbench.project.SamplesFolder;
import io.zkml.workbench.samples.SampleCatalog;
import io.zkml.workbench.session.ModelSession;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real loader: imports the model with its dataset through {@link ModelSession}. */
public final class SessionLoader implements ModelLoader {

    private final SamplesFolder samples;

    public SessionLoader(SamplesFolder samples) {
        this.samples = samples;
    }

    @Override
    public OpenedModel load(ModelRequest request) throws Exception {
        Path model;
        Path dataset = null;
        if (request instanceof ModelRequest.Sample s) {
            model = samples.modelOf(SampleCatalog.get(s.sample().id()));
        } else {
            ModelRequest.File f = (ModelRequest.File) request;
            model = f.path();
            dataset = f.dataset();
        }
        if (dataset == null) {
            // The project file records the dataset, so the sample's default split is named here.
            Path m = model;
            dataset = ModelSession.sampleFor(model).map(s -> s.testCsvPath(m.toAbsolutePath().getParent()))
                    .filter(Files::isRegularFile).orElse(null);
        }
        ModelSession session = ModelSession.open(model, dataset);
        return OpenedModel.of(session, FileHashes.sha256(model), dataset);
    }
}
