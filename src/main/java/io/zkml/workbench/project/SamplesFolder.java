package io.zkml.workbench.project;

import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.samples.SampleInfo;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the bundled sample models live: system property {@code zkml.samplesDir}, else
 * {@code ./sample-models} (a checkout), else {@code sample-models} next to the jar (an install).
 */
public record SamplesFolder(List<Path> candidates) {

    public static final String PROPERTY = "zkml.samplesDir";

    public SamplesFolder {
        candidates = List.copyOf(candidates);
    }

    public static SamplesFolder fromSystem() {
        List<Path> c = new ArrayList<>();
        String override = System.getProperty(PROPERTY);
        if (override != null && !override.isBlank()) {
            c.add(Path.of(override));
        }
        c.add(Path.of("sample-models"));
        jarDir().ifPresent(d -> {
            c.add(d.resolve("sample-models"));
            // target/zkml-workbench.jar in a checkout
            if (d.getParent() != null) {
                c.add(d.getParent().resolve("sample-models"));
            }
        });
        return new SamplesFolder(c);
    }

    private static Optional<Path> jarDir() {
        try {
            var src = SamplesFolder.class.getProtectionDomain().getCodeSource();
            if (src == null) {
                return Optional.empty();
            }
            Path p = Path.of(src.getLocation().toURI());
            return Optional.ofNullable(Files.isDirectory(p) ? p : p.getParent());
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The first candidate folder that holds a sample-models directory. */
    public Optional<Path> find() {
        return candidates.stream().filter(Files::isDirectory).map(Path::toAbsolutePath).map(Path::normalize)
                .findFirst();
    }

    /** The model file of a sample, or a message saying where it was looked for. */
    public Path modelOf(SampleInfo sample) {
        Path dir = find().orElseThrow(() -> new WorkbenchException("the bundled sample models were not found "
                + "(looked in " + candidates + "); set -D" + PROPERTY + "=<folder with the sample zips>"));
        Path model = sample.modelPath(dir);
        if (!Files.isRegularFile(model)) {
            throw new WorkbenchException("sample " + sample.name() + " is missing: " + model + " does not exist");
        }
        return model;
    }
}
