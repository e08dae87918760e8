package io.zkml.workbench.ui;

import java.nio.file.Path;

/** What the user asked to open: one of the bundled samples or a model file from disk. */
public sealed interface ModelRequest {

    /** A short label for progress and error messages. */
    String label();

    record Sample(SampleModel sample) implements ModelRequest {
        public String label() {
            return sample.id();
        }
    }

    record File(Path path) implements ModelRequest {
        public String label() {
            Path name = path.getFileName();
            return name == null ? path.toString() : name.toString();
        }
    }
}
