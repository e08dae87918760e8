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
     * A chain's Leo workspace root (Leo 4.1+): its members are the programs' packages, callees first. A
     * chain's export writes no top-level {@link #MANIFEST}, {@link #LEO_SOURCE} or {@link #ALEO}; each program
     * has them in its own package, {@link #packageDir}.
     */
    public static final String WORKSPACE = "workspace.json";

    /**
     * Every file an export writes (besides {@link #SALT}, written only for a salted commitment), and
     * so with it the only files {@code export --force} replaces in an existing folder (anything else
     * there, such as Leo's {@code .env} with a private key, stays).
     */
    public static final java.util.List<String> FILES = java.util.List.of(MANIFEST, LEO_SOURCE, ALEO, SAMPLES,
            QUANT, EXPORT, README, GITIGNORE);

    /** The files a chain's export writes at the workspace root (each program's package holds the other three). */
    public static final java.util.List<String> CHAIN_FILES = java.util.List.of(WORKSPACE, SAMPLES, QUANT, EXPORT,
            README, GITIGNORE);

    /** A chain program's package folder: its program name without {@code .aleo}. */
    public static String packageDir(String programId) {
        return programId.endsWith(".aleo") ? programId.substring(0, programId.length() - ".aleo".length()) : programId;
    }

    /** A file of a chain program's package, relative to the workspace root: {@code <name>/build/main.aleo}. */
    public static String inPackage(String programId, String file) {
        return packageDir(programId) + "/" + file;
    }

    private LeoProject() {
    }
}
