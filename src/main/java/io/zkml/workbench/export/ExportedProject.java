package io.zkml.workbench.export;

import io.zkml.workbench.io.BoundedText;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkml.workbench.WorkbenchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** An exported project read back from its folder: what {@code prove DIR} works from. */
public record ExportedProject(Path dir, ExportManifest manifest, String aleoText, String leoText, String quantJson,
                              List<SampleJson> samples) {

    /** An export's folder: one program's project, or a chain's workspace (which {@link #read} refuses by name). */
    public static boolean looksLikeProject(Path dir) {
        return Files.isDirectory(dir) && Files.isRegularFile(dir.resolve(LeoProject.EXPORT))
                && (Files.isRegularFile(dir.resolve(LeoProject.ALEO)) || Files.isRegularFile(dir.resolve(LeoProject.WORKSPACE)));
    }

    public static ExportedProject read(Path dir) {
        if (!looksLikeProject(dir)) {
            throw new WorkbenchException(dir + " is not a project exported by `zkml export` (no "
                    + LeoProject.EXPORT + " or " + LeoProject.ALEO + ")");
        }
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        try {
            ExportManifest m = json.readValue(dir.resolve(LeoProject.EXPORT).toFile(), ExportManifest.class);
            if (m.chained() || Files.isRegularFile(dir.resolve(LeoProject.WORKSPACE))) {
                // A chain is proven from its model (one execution over every program), not from the folder.
                throw new WorkbenchException(dir + " is the Leo workspace of a chain of programs; prove it from the "
                        + "model, as its README says: zkml prove MODEL --quant " + dir.resolve(LeoProject.QUANT)
                        + (m.chained() && m.chain().cuts() != null && m.chain().cuts().cutAfter() != null
                                ? " " + m.chain().cuts().options()
                                : " --split-after LAYER …")
                        + " --row N");
            }
            List<SampleJson> samples = Files.isRegularFile(dir.resolve(LeoProject.SAMPLES))
                    ? json.readValue(dir.resolve(LeoProject.SAMPLES).toFile(), new TypeReference<List<SampleJson>>() { })
                    : List.of();
            return new ExportedProject(dir, m, BoundedText.read(dir.resolve(LeoProject.ALEO)),
                    readOptional(dir.resolve(LeoProject.LEO_SOURCE)), readOptional(dir.resolve(LeoProject.QUANT)), samples);
        } catch (IOException e) {
            throw new WorkbenchException(dir + ": cannot read the exported project: " + e.getMessage(), e);
        }
    }

    public SampleJson sample(int row) {
        return samples.stream().filter(s -> s.row() == row).findFirst().orElseThrow(() -> new WorkbenchException(
                "row " + row + " is not in " + dir.resolve(LeoProject.SAMPLES) + " (it has rows 0.." + (samples.size() - 1)
                        + "); pass --input with the feature values instead"));
    }

    /** The owner's salt of a salted weights commitment ({@link LeoProject#SALT}), or null when the folder has none. */
    public io.zkml.workbench.codegen.WeightsSalt salt() {
        Path f = dir.resolve(LeoProject.SALT);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            return io.zkml.workbench.codegen.WeightsSalt.parse(BoundedText.read(f));
        } catch (IOException | IllegalArgumentException e) {
            throw new WorkbenchException(f + ": " + e.getMessage(), e);
        }
    }

    private static String readOptional(Path p) throws IOException {
        return Files.isRegularFile(p) ? BoundedText.read(p) : "";
    }
}
