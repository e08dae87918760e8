package io.zkml.workbench.ui;

import io.zkml.workbench.graph.ModelGraph;
import io.zkml.workbench.session.ModelSession;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What a {@link ModelLoader} hands back. Models read from files come with their
 * {@link ModelSession} (which evaluates specs) and the file's SHA-256 for project files; graphs
 * built in memory (tests) have neither and are shown without figures.
 */
public record OpenedModel(ModelGraph graph, ModelSession session, String modelSha256, Path datasetFile) {

    /** @param datasetFile the CSV the session read, null when it has none */
    public static OpenedModel of(ModelSession session, String sha256, Path datasetFile) {
        return new OpenedModel(session.graph(), session, sha256,
                datasetFile == null ? null : datasetFile.toAbsolutePath().normalize());
    }

    public static OpenedModel graphOnly(ModelGraph graph) {
        return new OpenedModel(graph, null, null, null);
    }

    public Optional<Path> dataset() {
        return hasDataset() ? Optional.ofNullable(datasetFile) : Optional.empty();
    }

    public Optional<ModelSession> sessionOpt() {
        return Optional.ofNullable(session);
    }

    public Optional<Path> modelFile() {
        return sessionOpt().map(ModelSession::modelFile).map(p -> p.toAbsolutePath().normalize());
    }

    public boolean hasDataset() {
        return session != null && session.dataset().isPresent();
    }
}
