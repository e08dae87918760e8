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
    /** The owner's secret salt of a salted weights commitment (hex); never copied into a proof bundle. */
    public static final String SALT = "weights-salt.txt";

    /**
     * Every file an export writes (besides {@link #SALT}, written only for a salted commitment), and
     * so with it the only files {@code export --force} replaces in an existing folder (anything else
     * there, such as Leo's {@code .env} with a private key, stays).
     */
    public static final java.util.List<String> FILES = java.util.List.of(MANIFEST, LEO_SOURCE, ALEO, SAMPLES,
            QUANT, EXPORT, README, GITIGNORE);

    private LeoProject() {
    }
}
