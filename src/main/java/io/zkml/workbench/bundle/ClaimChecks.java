package io.zkml.workbench.bundle;

import io.zkml.workbench.codegen.AleoPrinter;
import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.export.DecodedOutput;
import io.zkml.workbench.export.OutputDecoder;
import io.zkml.workbench.export.OutputFormat;
import io.zkml.workbench.io.FileHashes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks of a bundle that need no snarkVM: each claim of the manifest that can be recomputed
 * from the execution, the program text or the auditor's model. Separate from the proof check so it
 * can be run (and fuzzed) on its own; it never throws for bad bundle content, it fails a check.
 */
public final class ClaimChecks {

    private static final Pattern PROGRAM_ID = Pattern.compile("(?m)^program\\s+([A-Za-z0-9_]+\\.aleo);");

    /**
     * @param execution  the parsed execution, or null when it is unreadable (then a check failed)
     * @param inputTypes the function's input types as the program text declares them (empty if unreadable)
     * @param decoded    the outputs decoded with the model's output format, when a compiled model was given
     */
    public record Result(ExecutionJson execution, List<String> inputTypes, DecodedOutput decoded,
                         List<VerificationReport.Check> checks) {
        public Result {
            checks = List.copyOf(checks);
            inputTypes = List.copyOf(inputTypes);
        }
    }

    private ClaimChecks() {
    }

    public static Result run(ProofBundle b, Optional<ModelCheck> model) {
        BundleManifest m = b.manifest();
        List<VerificationReport.Check> checks = new ArrayList<>();
        ExecutionJson ex = parse(b.execution(), checks);
        String programId = programId(b.mainAleo());

        checks.add(check("program id", Objects.equals(programId, m.programId())
                        && (ex == null || Objects.equals(ex.program(), m.programId()))
                        && (ex == null || Objects.equals(ex.function(), m.function())),
                "main.aleo declares " + AleoTypes.shown(String.valueOf(programId)) + "; manifest says " + m.programId()
                        + "/" + m.function() + (ex == null ? "" : "; the execution's transition is "
                        + AleoTypes.shown(ex.program()) + "/" + AleoTypes.shown(ex.function()))));
        String programSha = FileHashes.sha256(b.mainAleo().getBytes(StandardCharsets.UTF_8));
        checks.add(check("program hash", programSha.equals(m.programSha256()),
                "SHA-256 of main.aleo is " + programSha + "; manifest says " + m.programSha256()));
        if (m.isChain()) {
            checks.add(ChainClaims.check(b, ex));
        }

        List<String> types = List.of();
        try {
            types = ProgramInputs.types(b.mainAleo(), m.function());
            boolean same = types.equals(m.inputTypes());
            checks.add(check("input types", !types.isEmpty() && same, types.isEmpty()
                    ? "main.aleo declares no inputs for function " + m.function()
                    : same ? "the manifest's input types are the ones main.aleo declares"
                    : "main.aleo declares inputs " + types + "; manifest says " + m.inputTypes()));
        } catch (IllegalArgumentException e) {
            checks.add(check("input types", false, "main.aleo declares an input outside Aleo's types: " + e.getMessage()));
        }

        DecodedOutput fromModel = null;
        if (ex != null) {
            checks.add(check("public outputs", ex.publicOutputs().equals(m.publicOutputs()),
                    "the execution's public outputs are " + shown(ex.publicOutputs()) + "; manifest says " + shown(m.publicOutputs())));
            checks.add(decodedCheck(m, ex.publicOutputs()));
            // The model check compares the manifest's commitment; it must be the one the proof output.
            String proven = OutputDecoder.commitment(ex.publicOutputs());
            if (proven != null || m.modelCommitment() != null) {
                boolean same = Objects.equals(proven, m.modelCommitment());
                checks.add(check("commitment output", same, same
                        ? "the manifest's model commitment is the proof's last public output"
                        : "the manifest's model commitment " + m.modelCommitment() + " is not the proof's last public output ("
                                + AleoTypes.shown(String.valueOf(proven)) + ")"));
            }
        }
        if (model.isPresent()) {
            modelChecks(b, model.get(), checks);
            fromModel = outputFormatCheck(m, model.get(), ex, checks);
        }
        return new Result(ex, types, fromModel, checks);
    }

    private static VerificationReport.Check decodedCheck(BundleManifest m, List<String> outputs) {
        if (m.decoded() == null || m.decoded().format() == null) {
            return check("decoded outputs", false, "the manifest has no decoded outputs");
        }
        DecodedOutput d;
        try {
            d = OutputDecoder.decode(m.decoded().format(), outputs);
        } catch (RuntimeException e) {
            return check("decoded outputs", false, "the outputs cannot be read as the manifest's format says: "
                    + AleoTypes.shown(String.valueOf(e.getMessage())));
        }
        boolean same = Arrays.equals(d.values(), m.decoded().values())
                && Arrays.equals(d.dequantized(), m.decoded().dequantized())
                && Objects.equals(d.classIndex(), m.decoded().classIndex())
                && Objects.equals(d.classLabel(), m.decoded().classLabel());
        return check("decoded outputs", same, same ? "class/values in the manifest follow from the execution's outputs"
                : "the manifest's decoded result (" + m.decoded().classIndex() + " " + m.decoded().classLabel()
                        + ") differs from the execution's (" + d.classIndex() + " " + d.classLabel() + ")");
    }

    /**
     * The words of a verdict (class names, fixed point) come from the auditor's model; a manifest
     * that reads the outputs differently fails, naming the first difference.
     */
    private static DecodedOutput outputFormatCheck(BundleManifest m, ModelCheck mc, ExecutionJson ex,
                                                   List<VerificationReport.Check> checks) {
        OutputFormat mine = mc.output();
        if (mine == null) {
            checks.add(check("output format from model", false, mc.modelFile() + " could not be compiled with that spec, "
                    + "so its outputs cannot be read"));
            return null;
        }
        OutputFormat theirs = m.decoded() == null ? null : m.decoded().format();
        String difference = formatDifference(mine, theirs);
        checks.add(check("output format from model", difference == null, difference == null
                ? "the manifest reads the outputs as " + mc.modelFile() + " does (" + describe(mine) + ")"
                : "the manifest reads the outputs differently from " + mc.modelFile() + ": " + difference));
        if (ex == null) {
            return null;
        }
        try {
            return OutputDecoder.decode(mine, ex.publicOutputs());
        } catch (RuntimeException e) {
            checks.add(check("outputs read by model", false, "the proof's outputs cannot be read as " + mc.modelFile()
                    + "'s outputs: " + AleoTypes.shown(String.valueOf(e.getMessage()))));
            return null;
        }
    }

    static String formatDifference(OutputFormat mine, OutputFormat theirs) {
        if (theirs == null) {
            return "the manifest has no output format";
        }
        if (!Objects.equals(mine.kind(), theirs.kind())) {
            return "the bundle says the output is '" + AleoTypes.shown(String.valueOf(theirs.kind())) + "', your model's is '" + mine.kind() + "'";
        }
        if (mine.fracBits() != theirs.fracBits() && OutputFormat.LOGITS.equals(mine.kind())) {
            return "the bundle reads the outputs with " + theirs.fracBits() + " fraction bits, your model with " + mine.fracBits();
        }
        if (!mine.aleoTypes().equals(theirs.aleoTypes())) {
            return "the bundle says the output types are " + theirs.aleoTypes() + ", your model's are " + mine.aleoTypes();
        }
        int n = Math.max(mine.classNames().size(), theirs.classNames().size());
        for (int i = 0; i < n; i++) {
            String a = i < mine.classNames().size() ? mine.classNames().get(i) : null;
            String b = i < theirs.classNames().size() ? theirs.classNames().get(i) : null;
            if (!Objects.equals(a, b)) {
                return "the bundle names class " + i + " " + (b == null ? "nothing" : "'" + AleoTypes.shown(b) + "'")
                        + ", your model's class " + i + " is " + (a == null ? "unnamed" : "'" + a + "'");
            }
        }
        return null;
    }

    private static String describe(OutputFormat f) {
        return OutputFormat.CLASS.equals(f.kind()) ? "a class index" + (f.classNames().isEmpty() ? ""
                : " of " + String.join(", ", f.classNames()))
                : "fixed-point values with " + f.fracBits() + " fraction bits"
                + (f.classNames().isEmpty() ? "" : ", classes " + String.join(", ", f.classNames()));
    }

    private static void modelChecks(ProofBundle b, ModelCheck mc, List<VerificationReport.Check> checks) {
        BundleManifest m = b.manifest();
        checks.add(check("model hash", mc.modelSha256().equals(m.modelSha256()),
                "SHA-256 of " + mc.modelFile() + " is " + mc.modelSha256() + "; manifest says " + m.modelSha256()));
        checks.add(check("quant spec hash", mc.quantSpecSha256().equals(m.quantSpecSha256()),
                "SHA-256 of the quant spec is " + mc.quantSpecSha256() + "; manifest says " + m.quantSpecSha256()));
        String scheme = mc.scheme() == null ? "" : " (" + mc.scheme() + ")";
        if (m.modelCommitment() != null) {
            boolean same = m.modelCommitment().equals(mc.commitment());
            checks.add(check("model commitment", same, same
                    ? "the public commitment " + m.modelCommitment() + " is the one " + mc.modelFile() + "'s weights hash to"
                            + scheme
                    : mc.commitment() == null ? "cannot recompute the commitment" + scheme
                    : mc.modelFile() + "'s weights hash to " + mc.commitment() + "; the proof committed to "
                            + m.modelCommitment() + scheme));
        }
        // Field literals compared by value: programs printed before -Nfield spelled them as residues.
        String mine = AleoPrinter.canonicalFieldLiterals(withoutComments(mc.programText()));
        String theirs = AleoPrinter.canonicalFieldLiterals(withoutComments(b.mainAleo()));
        String cuts = m.cuts() == null ? "" : " cut after " + AleoTypes.shown(String.valueOf(m.cuts().cutAfter()))
                + " (the bundle's recorded cuts)";
        checks.add(check("program from model", mine.equals(theirs), mine.equals(theirs)
                ? "exporting " + mc.modelFile() + " with that spec" + cuts + " gives exactly main.aleo's instructions"
                        + (m.modelCommitment() == null ? scheme : "")
                : "exporting " + mc.modelFile() + " with that spec" + cuts + " gives a different program than main.aleo"
                        + firstDifference(mine, theirs) + (m.modelCommitment() == null ? scheme : "")));
        if (m.isChain()) {
            checks.add(chainFromModel(b, mc));
        }
    }

    /**
     * A chain bundle's other programs against what the auditor's model compiles to when cut where the
     * bundle records: the same program ids, each the same instructions (comments left out).
     */
    private static VerificationReport.Check chainFromModel(ProofBundle b, ModelCheck mc) {
        BundleManifest m = b.manifest();
        String cuts = m.cuts() == null ? "" : " cut after " + AleoTypes.shown(String.valueOf(m.cuts().cutAfter()))
                + " (the bundle's recorded cuts)";
        List<String> theirs = b.importedPrograms().keySet().stream().sorted().toList();
        List<String> mine = mc.chainPrograms().keySet().stream().sorted().toList();
        if (!mine.equals(theirs)) {
            return check("chain from model", false, "compiling " + mc.modelFile() + " with that spec" + cuts + " gives "
                    + (mine.isEmpty() ? "no other programs" : "the other programs " + mine) + "; the bundle has "
                    + AleoTypes.shown(theirs.toString()));
        }
        for (String id : mine) {
            String a = AleoPrinter.canonicalFieldLiterals(withoutComments(mc.chainPrograms().get(id)));
            String t = AleoPrinter.canonicalFieldLiterals(withoutComments(b.importedPrograms().get(id)));
            if (!a.equals(t)) {
                return check("chain from model", false, "compiling " + mc.modelFile() + " with that spec" + cuts
                        + " gives a different " + id + " than " + ProofBundle.PROGRAMS_DIR + id + firstDifference(a, t));
            }
        }
        return check("chain from model", true, "compiling " + mc.modelFile() + " with that spec" + cuts + " gives "
                + "exactly the bundle's other " + mine.size() + " program(s), " + String.join(", ", mine));
    }

    /**
     * The program without its comment lines. The generated header names the model file, its hash and
     * the tool version, which legitimately differ for an auditor's renamed copy or newer installation;
     * the model hash check covers the file, and snarkVM's circuit ignores comments.
     */
    static String withoutComments(String text) {
        return text.replaceAll("(?m)^[ \\t]*//.*\\R", "");
    }

    private static String firstDifference(String a, String b) {
        String[] x = a.split("\n");
        String[] y = b.split("\n");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            String l = i < x.length ? x[i] : "<end>";
            String r = i < y.length ? y[i] : "<end>";
            if (!l.equals(r)) {
                return " (first differing instruction, comments left out: expected '" + AleoTypes.shown(l.trim())
                        + "', bundle has '" + AleoTypes.shown(r.trim()) + "')";
            }
        }
        return "";
    }

    private static ExecutionJson parse(String execution, List<VerificationReport.Check> checks) {
        try {
            return ExecutionJson.parse(execution);
        } catch (WorkbenchException e) {
            checks.add(check("execution", false, e.getMessage()));
            return null;
        }
    }

    static String programId(String aleo) {
        Matcher m = PROGRAM_ID.matcher(aleo);
        return m.find() ? m.group(1) : null;
    }

    private static String shown(List<String> values) {
        return AleoTypes.shown(values.toString());
    }

    static VerificationReport.Check check(String name, boolean passed, String detail) {
        return new VerificationReport.Check(name, passed, detail);
    }
}
