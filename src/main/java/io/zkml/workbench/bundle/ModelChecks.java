package io.zkml.workbench.bundle;

import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.codegen.CommittedWeights;
import io.zkml.workbench.codegen.WeightsMode;
import io.zkml.workbench.export.CompileSettings;
import io.zkml.workbench.export.CompiledModel;
import io.zkml.workbench.export.ModelCompiler;
import io.zkml.workbench.export.OutputFormat;
import io.zkml.workbench.export.RecordedCuts;
import io.zkml.workbench.io.FileHashes;
import io.zkml.workbench.prove.SidecarException;
import io.zkml.workbench.quant.QuantSpecJson;
import io.zkml.workbench.session.ModelSession;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BinaryOperator;
import io.zkml.workbench.codegen.CommitmentScheme;
import io.zkml.workbench.codegen.PackedWeights;
import io.zkml.workbench.codegen.WeightsSalt;

/**
 * Builds the {@link ModelCheck} for an auditor's own copy of a model: its hash, the spec's hash,
 * the program exporting it gives and, for committed weights, its commitment. The one
 * implementation behind {@code zkml verify --model} and the audit window's model check.
 */
public final class ModelChecks {

    private ModelChecks() {
    }

    /**
     * @param specJson the spec to export with (usually the bundle's quant.json)
     * @param data     the model's dataset, only for class names; may be null
     * @param hash (algorithm, Aleo literal) to snarkVM's Poseidon hash (the sidecar's), for weight commitments
     * @param salt the owner's salt of a salted commitment (the auditor's {@code --salt}); null when not given
     */
    public static ModelCheck of(Path model, String specJson, Path data, ProofBundle bundle,
                                BinaryOperator<String> hash, WeightsSalt salt) {
        if (!Files.isRegularFile(model)) {
            throw new WorkbenchException(model + " does not exist");
        }
        if (specJson == null || specJson.isBlank()) {
            throw new WorkbenchException("the bundle has no quant.json, so the program cannot be re-exported from the model");
        }
        String specSha = FileHashes.sha256(specJson.getBytes(StandardCharsets.UTF_8));
        String modelSha = FileHashes.sha256(model);
        WeightsMode mode = weightsMode(bundle);
        CommitmentScheme scheme = CommitmentScheme.ofRecorded(bundle.manifest().commitmentScheme());
        String note = mode.privateWeights() ? schemeNote(bundle, scheme, salt) : null;
        String program;
        String commitment = null;
        OutputFormat output = null;
        java.util.Map<String, String> chainPrograms = new java.util.LinkedHashMap<>();
        RecordedCuts cuts = bundle.manifest().cuts();
        if (scheme == null) {
            program = "// cannot export " + model.getFileName() + ": the bundle records a commitment scheme this version "
                    + "does not know";
        } else if (bundle.manifest().isChain() && cuts == null) {
            program = "// cannot compile " + model.getFileName() + " into the bundle's chain of programs: the bundle does "
                    + "not record where the model was cut (it was written before bundles recorded the cuts)";
        } else {
            try {
                ModelSession session = ModelSession.open(model, data);
                CompileSettings settings = new CompileSettings(mode, bundle.manifest().programId().replace(".aleo", ""), null)
                        .withScheme(scheme).withSalt(salt);
                if (cuts != null) {
                    // The recorded cuts, forced: the same chain whatever this version's cost model would choose.
                    settings = settings.withPartitioning(cuts.recompiling());
                }
                CompiledModel c = ModelCompiler.standard().compileWith(session,
                        new QuantSpecJson().fromJson(specJson, "quant spec"), specJson, settings, hash);
                program = c.aleoText();
                c.segments().stream().skip(1).forEach(seg -> chainPrograms.put(seg.programId(), seg.aleoText()));
                output = c.output();
                if (mode == WeightsMode.PRIVATE_COMMITTED) {
                    commitment = scheme == CommitmentScheme.ARRAYS_PSD2
                            ? CommittedWeights.of(c.quantized()).commitment(text -> hash.apply("psd2", text))
                            : salt == null ? null : PackedWeights.of(c.quantized()).commitment(salt, hash);
                }
            } catch (SidecarException e) {
                // Hashing the weights needs snarkVM; its absence says nothing about the model.
                throw e;
            } catch (Exception e) {
                // A model that cannot produce a program fails the check; it is not an error of the audit.
                program = "// cannot export " + model.getFileName() + " with that spec"
                        + (cuts == null ? "" : " cut after " + cuts.cutAfter() + " (the bundle's recorded cuts)")
                        + ": " + e.getMessage();
            }
        }
        return new ModelCheck(model.getFileName().toString(), modelSha, specSha, program, commitment, output, note,
                chainPrograms);
    }

    /** Which scheme the bundle's commitment uses, said in the report, and what is missing to recompute it. */
    private static String schemeNote(ProofBundle bundle, CommitmentScheme scheme, WeightsSalt salt) {
        if (scheme == null) {
            return "unknown commitment scheme '" + bundle.manifest().commitmentScheme() + "'";
        }
        if (!scheme.salted()) {
            return "scheme " + scheme.schemeName() + (bundle.manifest().commitmentScheme() == null
                    ? ", inferred: the bundle predates recorded schemes" : "")
                    + "; unsalted, so binding but not hiding";
        }
        return "scheme " + scheme.schemeName() + (salt == null
                ? "; salted: pass the owner's salt (--salt) to recompute it" : "; salted, recomputed with the given salt");
    }

    /**
     * The weights mode the bundle records (format 2). Format-1 bundles did not record it; for them
     * only, it is recovered from what the bundle shows: a public commitment, or an assert.eq pinning one.
     */
    static WeightsMode weightsMode(ProofBundle bundle) {
        String recorded = bundle.manifest().weightsMode();
        if (recorded != null) {
            return WeightsMode.parse(recorded);
        }
        return bundle.manifest().modelCommitment() != null ? WeightsMode.PRIVATE_COMMITTED
                : bundle.mainAleo().contains("\n    assert.eq r") ? WeightsMode.PINNED : WeightsMode.CONSTANT;
    }
}
