package io.zkml.workbench.bundle;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.zkml.workbench.codegen.WeightsMode;
import io.zkml.workbench.export.OutputFormat;
import io.zkml.workbench.quant.LayerQuant;
import java.util.regex.Pattern;

/**
 * The bundle format's rules for {@code manifest.json}, checked before any field is used: required
 * fields present, identifiers and hashes well formed, every declared type inside Aleo's grammar and
 * limits ({@link AleoTypes}), every list and string bounded. A manifest that breaks one is refused
 * as malformed, naming the field; one written by a newer tool (a higher {@code formatVersion}) is
 * refused as unreadable rather than guessed at.
 */
final class ManifestValidation {

    static final int MAX_OUTPUTS = 16;
    static final int MAX_INPUTS = 16;
    static final int MAX_TEXT = 1_000;
    static final int MAX_LITERAL = 1 << 16;
    static final int MAX_CLASSES = 4_096;
    /** snarkVM allows fewer than 32 calls (transitions) in one execution. */
    static final int MAX_TRANSITIONS = io.zkml.workbench.prove.ProgramChain.MAX_TRANSITIONS;

    private static final Pattern PROGRAM_ID = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,62}\\.aleo");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,62}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern FIELD = Pattern.compile("[0-9]{1,80}field");
    private static final Pattern LITERAL = Pattern.compile("[\\[\\]0-9a-z ,_-]+");

    private ManifestValidation() {
    }

    /** Strict about duplicate keys (which one would count is ambiguous); lenient about unknown ones. */
    static ObjectReader reader() {
        return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .readerFor(BundleManifest.class);
    }

    static void validate(BundleManifest m, String where) {
        if (m.formatVersion() > BundleManifest.NEWEST_FORMAT) {
            throw BundleRejectedException.unreadable(where + " is bundle format " + m.formatVersion()
                    + ", newer than this workbench reads (formats 1 to " + BundleManifest.NEWEST_FORMAT
                    + "); verify it with a newer zkML Workbench");
        }
        require(m.formatVersion() >= 1, where, "formatVersion", "is missing or not a positive number");
        require(m.programId() != null && PROGRAM_ID.matcher(m.programId()).matches(), where, "programId",
                "must be an Aleo program id such as iris_tiny.aleo");
        require(m.function() != null && IDENTIFIER.matcher(m.function()).matches(), where, "function",
                "must be an Aleo identifier such as main");
        require(m.publicOutputs() != null && !m.publicOutputs().isEmpty(), where, "publicOutputs", "is missing or empty");
        require(m.publicOutputs().size() <= MAX_OUTPUTS, where, "publicOutputs", "has more than " + MAX_OUTPUTS + " entries");
        for (String o : m.publicOutputs()) {
            require(o != null && o.length() <= MAX_LITERAL && LITERAL.matcher(o).matches(), where, "publicOutputs",
                    "holds '" + AleoTypes.shown(String.valueOf(o)) + "', which is not an Aleo literal");
        }
        require(m.inputTypes() != null && !m.inputTypes().isEmpty(), where, "inputTypes", "is missing or empty");
        require(m.inputTypes().size() <= MAX_INPUTS, where, "inputTypes", "has more than " + MAX_INPUTS + " entries");
        for (String t : m.inputTypes()) {
            type(t, where, "inputTypes");
        }
        require(m.row() == null || m.row() >= 0, where, "row", "must not be negative");
        hash(m.modelSha256(), where, "modelSha256");
        hash(m.quantSpecSha256(), where, "quantSpecSha256");
        hash(m.programSha256(), where, "programSha256");
        require(m.modelCommitment() == null || FIELD.matcher(m.modelCommitment()).matches(), where, "modelCommitment",
                "must be a field literal such as 123field");
        if (m.weightsMode() != null) {
            try {
                WeightsMode.parse(m.weightsMode());
            } catch (IllegalArgumentException e) {
                throw malformed(where, "weightsMode", AleoTypes.shown(e.getMessage()));
            }
        }
        // A null weightsMode is allowed in format 2 too: a bundle proven from a project exported
        // before export.json recorded it cannot know it; ModelChecks then recovers it as for format 1.
        for (String[] text : new String[][] {{"modelFile", m.modelFile()}, {"createdAt", m.createdAt()},
                {"consensusVersion", m.consensusVersion()}, {"commitmentScheme", m.commitmentScheme()}}) {
            require(text[1] == null || text[1].length() <= MAX_TEXT, where, text[0], "is longer than " + MAX_TEXT + " characters");
        }
        if (m.versions() != null) {
            for (String v : new String[] {m.versions().tool(), m.versions().sdk(), m.versions().snarkVm(),
                    m.versions().node(), m.versions().network()}) {
                require(v == null || v.length() <= MAX_TEXT, where, "versions", "holds a string longer than " + MAX_TEXT);
            }
        }
        if (m.decoded() != null) {
            decoded(m.decoded(), where);
        }
        chain(m, where);
        if (m.isChain()) {
            cuts(m, where);
        }
    }

    /**
     * Format 3's chain: 2 to 32 programs with distinct ids, the entry ({@code programId}) last; 1 to 31
     * transitions, each of a listed program with its hash, the entry's function last. Older formats have none.
     */
    private static void chain(BundleManifest m, String where) {
        boolean chainFormat = m.formatVersion() >= BundleManifest.CHAIN_FORMAT_VERSION;
        require(m.cuts() == null || chainFormat, where, "cuts", "is only part of format 3");
        require(chainFormat == (m.programs() != null), where, "programs",
                chainFormat ? "is missing (format 3 is a multi-program execution)" : "is only part of format 3");
        require(chainFormat == (m.transitions() != null), where, "transitions",
                chainFormat ? "is missing (format 3 is a multi-program execution)" : "is only part of format 3");
        if (!chainFormat) {
            return;
        }
        require(m.programs().size() >= 2 && m.programs().size() <= MAX_TRANSITIONS + 1, where, "programs",
                "must list 2 to " + (MAX_TRANSITIONS + 1) + " programs");
        java.util.Map<String, String> hashes = new java.util.HashMap<>();
        for (BundleManifest.ChainProgram p : m.programs()) {
            require(p != null && p.programId() != null && PROGRAM_ID.matcher(p.programId()).matches(), where, "programs",
                    "holds an entry without an Aleo program id");
            hash(p.programSha256(), where, "programs[" + p.programId() + "].programSha256");
            require(p.programSha256() != null, where, "programs[" + p.programId() + "].programSha256", "is missing");
            require(hashes.put(p.programId(), p.programSha256()) == null, where, "programs", "lists " + p.programId() + " twice");
        }
        BundleManifest.ChainProgram entry = m.programs().get(m.programs().size() - 1);
        require(entry.programId().equals(m.programId()) && entry.programSha256().equals(m.programSha256()), where,
                "programs", "must end with the entry program (programId and programSha256)");
        require(!m.transitions().isEmpty() && m.transitions().size() <= MAX_TRANSITIONS, where, "transitions",
                "must list 1 to " + MAX_TRANSITIONS + " transitions (snarkVM allows fewer than 32 calls)");
        for (BundleManifest.ChainStep t : m.transitions()) {
            require(t != null && t.programId() != null && hashes.containsKey(t.programId()), where, "transitions",
                    "holds a transition of a program that programs does not list");
            require(t.function() != null && IDENTIFIER.matcher(t.function()).matches(), where, "transitions",
                    "holds a function that is not an Aleo identifier");
            require(hashes.get(t.programId()).equals(t.programSha256()), where, "transitions",
                    "gives " + t.programId() + " another SHA-256 than programs does");
            require(t.publicOutputs() == null || t.publicOutputs().size() <= MAX_OUTPUTS, where, "transitions",
                    "holds more than " + MAX_OUTPUTS + " public outputs for one transition");
            for (String o : t.publicOutputs() == null ? java.util.List.<String>of() : t.publicOutputs()) {
                require(o != null && o.length() <= MAX_LITERAL && LITERAL.matcher(o).matches(), where, "transitions",
                        "holds an output that is not an Aleo literal");
            }
        }
        BundleManifest.ChainStep last = m.transitions().get(m.transitions().size() - 1);
        require(last.programId().equals(m.programId()) && last.function().equals(m.function()), where, "transitions",
                "must end with the entry's transition (" + m.programId() + "/" + m.function() + ")");
    }

    /**
     * Where the chain was cut: bounded names, one cut fewer than programs. Which layers they are is
     * checked against the auditor's model ({@code verify --model} recompiles with them).
     */
    private static void cuts(BundleManifest m, String where) {
        io.zkml.workbench.export.RecordedCuts c = m.cuts();
        if (c == null) {
            return; // a chain bundle written before the cuts were recorded; verify --model says it cannot recompile
        }
        require(c.maxSrsLog2() == null || c.maxSrsLog2() >= 1 && c.maxSrsLog2() <= 28, where, "cuts.maxSrsLog2",
                "must be 1 to 28");
        require(c.splitAfter().size() <= MAX_TRANSITIONS, where, "cuts.splitAfter", "has more than " + MAX_TRANSITIONS
                + " layers");
        require(c.cutAfter() != null, where, "cuts.cutAfter", "is missing");
        for (java.util.List<String> names : java.util.List.of(c.splitAfter(), c.cutAfter())) {
            for (String n : names) {
                require(n != null && !n.isEmpty() && n.length() <= MAX_TEXT, where, "cuts",
                        "holds a layer name that is missing, empty or longer than " + MAX_TEXT + " characters");
            }
        }
        for (io.zkml.workbench.export.ChannelCut cut : c.cutInside()) {
            require(cut != null && cut.layer() != null && !cut.layer().isEmpty() && cut.layer().length() <= MAX_TEXT
                    && cut.channels() >= 1, where, "cuts.cutInside", "holds a cut whose layer name is missing, empty or "
                    + "longer than " + MAX_TEXT + " characters, or whose channel count is below 1");
        }
        require(c.count() == m.programs().size() - 1, where, "cuts.cutAfter", "lists " + c.count()
                + " cuts, but a chain of " + m.programs().size() + " programs is cut " + (m.programs().size() - 1)
                + " times" + (c.cutInside().isEmpty() ? "" : " (cutAfter and cutInside together)"));
    }

    private static void decoded(BundleManifest.Decoded d, String where) {
        OutputFormat f = d.format();
        require(f != null, where, "decoded.format", "is missing");
        require(OutputFormat.CLASS.equals(f.kind()) || OutputFormat.LOGITS.equals(f.kind()), where, "decoded.format.kind",
                "must be 'class' or 'logits'");
        // The output's scale is a spec's activation frac bits, which may be negative (auto-tune narrows to them).
        require(f.fracBits() >= LayerQuant.MIN_FRAC_BITS && f.fracBits() <= LayerQuant.MAX_FRAC_BITS, where,
                "decoded.format.fracBits", "must be " + LayerQuant.MIN_FRAC_BITS + " to " + LayerQuant.MAX_FRAC_BITS);
        require(f.classNames().size() <= MAX_CLASSES, where, "decoded.format.classNames",
                "has more than " + MAX_CLASSES + " names");
        for (String c : f.classNames()) {
            require(c != null && c.length() <= MAX_TEXT, where, "decoded.format.classNames",
                    "holds a missing name or one longer than " + MAX_TEXT + " characters");
        }
        require(!f.aleoTypes().isEmpty() && f.aleoTypes().size() <= MAX_OUTPUTS, where, "decoded.format.aleoTypes",
                "must list 1 to " + MAX_OUTPUTS + " types");
        for (String t : f.aleoTypes()) {
            type(t, where, "decoded.format.aleoTypes");
        }
        require(d.values() == null || d.values().length <= AleoTypes.MAX_TOTAL_ELEMENTS, where, "decoded.values", "is too long");
        require(d.dequantized() == null || d.dequantized().length <= AleoTypes.MAX_TOTAL_ELEMENTS, where,
                "decoded.dequantized", "is too long");
        require(d.classLabel() == null || d.classLabel().length() <= MAX_TEXT, where, "decoded.classLabel",
                "is longer than " + MAX_TEXT + " characters");
    }

    private static void type(String t, String where, String field) {
        try {
            AleoTypes.parse(t);
        } catch (IllegalArgumentException e) {
            throw malformed(where, field, e.getMessage());
        }
    }

    private static void hash(String h, String where, String field) {
        require(h == null || SHA256.matcher(h).matches(), where, field, "must be 64 lower-case hex digits (a SHA-256)");
    }

    private static void require(boolean ok, String where, String field, String problem) {
        if (!ok) {
            throw malformed(where, field, problem);
        }
    }

    private static BundleRejectedException malformed(String where, String field, String problem) {
        return BundleRejectedException.malformed(where + ": " + field + " " + problem);
    }
}
