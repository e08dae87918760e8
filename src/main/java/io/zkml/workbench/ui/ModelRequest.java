package io.zkml.workbench.ui;

import io.zkml.workbench.ui.start.SampleModel;
import java.nio.file.Path;

/** What the user asked to open: one of the bundled samples or a model file (and dataset) from disk. */
public sealed interface ModelRequest {

    /** A short label for progress and error messages. */
    String label();

    record Sample(SampleModel sample) implements ModelRequest {
        public String label() {
            return sample.id();
        }
    }

    /** @param dataset null: a bundled sample's test split when the model is one, else none */
    record File(Path path, Path dataset) implements ModelRequest {

        public File(Path path) {
            this(path, null);
        }

        public String label() {
            Path name = path.getFileName();
            return name == null ? path.toString() : name.toString();
        }
    }
}
