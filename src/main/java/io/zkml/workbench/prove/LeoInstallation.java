package io.zkml.workbench.prove;

import java.nio.file.Path;

/** A Leo CLI found on PATH, and what {@code leo --version} said (e.g. {@code leo 3.3.1}). */
public record LeoInstallation(Path executable, String version) {
}
