package io.zkml.workbench.export;

/** File names inside an exported Leo project, shared by the writer, the reader and the docs. */
public final class LeoProject {

    public static final String MANIFEST = "program.json";
    public static final String LEO_SOURCE = "src/main.leo";
    public static final String ALEO = "build/main.aleo";
    public static final String SAMPLES = "inputs/samples.json";
    public static final String QUANT = "quant.json";
    public static final String EXPORT = "export.json";
    public static final String README = "README.md";
    public static final String GITIGNORE = ".gitignore";

    /**
     * Every file an export writes, and so the only files {@code export --force} replaces in an
     * existing folder (anything else there, such as Leo's {@code .env} with a private key, stays).
     */
    public static final java.util.List<String> FILES = java.util.List.of(MANIFEST, LEO_SOURCE, ALEO, SAMPLES,
            QUANT, EXPORT, README, GITIGNORE);

    private LeoProject() {
    }
}
