package io.zkml.workbench.export;

import io.zkml.workbench.circuit.CostEstimate;
import io.zkml.workbench.circuit.LimitCheck;
import io.zkml.workbench.circuit.LimitViolation;
import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.codegen.CommitmentScheme;
import io.zkml.workbench.codegen.CommittedWeights;
import io.zkml.workbench.codegen.IrProgram;
import io.zkml.workbench.codegen.PackedInput;
import io.zkml.workbench.codegen.PackedWeights;
import io.zkml.workbench.codegen.WeightsMode;
import io.zkml.workbench.quant.QuantizedGraph;
import java.nio.file.Path;
import java.util.List;

/**
 * A model turned into one Aleo program: everything an export, a cost report or a proof needs,
 * computed once so that all three describe exactly the same program text. The one compilation
 * result: the workbench's dashboard, node badges, Code tab, limits and Prove tab, and the CLI's
 * cost, export and prove all read it; nothing prices or names a program along another path.
 *
 * @param specJson   the quantization spec exactly as hashed into the header (and saved as quant.json)
 * @param settings   weights mode, program name and consensus version the program was compiled with
 * @param toolVersion the workbench version that generated the program
 * @param limits     every Aleo limit checked, passed or not (including the offline SRS degree)
 * @param segments   the programs in call order, one transition each: one for a whole model (the fields
 *                   above describe it), a chain's entry first (the fields above describe the entry)
 */
public record CompiledModel(Path modelFile, String modelSha256, String specJson, String specSha256,
                            CompileSettings settings, String toolVersion, QuantizedGraph quantized, IrProgram program,
                            CostEstimate cost, List<LimitCheck> limits, OutputFormat output,
                            List<CompiledSegment> segments) {

    public CompiledModel {
        limits = List.copyOf(limits);
        segments = List.copyOf(segments);
        if (segments.isEmpty() || segments.get(0).program() != program) {
            throw new IllegalArgumentException("the first segment is the entry program");
        }
    }

    /** The entry program's Aleo text (printed now if nobody asked for it before). */
    public String aleoText() {
        return segments.get(0).aleoText();
    }

    /** The entry program's Leo text (printed now if nobody asked for it before). */
    public String leoText() {
        return segments.get(0).leoText();
    }

    /** Whether the model is a chain of programs (more than one transition per execution). */
    public boolean isChain() {
        return segments.size() > 1;
    }

    /** Constraints of every transition together (what proving the execution synthesizes). */
    public long totalConstraints() {
        return segments.stream().mapToLong(s -> s.cost().total().constraints()).sum();
    }

    /** The fee of one execution (every transition, one batch proof): exact ({@link Fees#execution}). */
    public Fees.Execution executionFee() {
        return Fees.execution(segments.stream().map(CompiledSegment::program).toList());
    }

    /** Every program's estimated deployment fee together ({@link Fees#deploymentEstimate}). */
    public long deploymentFeesEstimate() {
        return segments.stream().mapToLong(s -> s.deploymentEstimate().total()).sum();
    }

    public String programId() {
        return program.programName() + ".aleo";
    }

    public WeightsMode weightsMode() {
        return settings.weightsMode();
    }

    /** How the program commits to its weights, or null for constant weights (recorded, never inferred). */
    public String commitmentScheme() {
        return switch (settings.weightsMode()) {
            case CONSTANT -> null;
            case PRIVATE_COMMITTED -> settings.scheme().schemeName() + " (public output)";
            case PINNED -> settings.scheme().schemeName() + " (compiled-in constant)";
        };
    }

    /** Whether every transition's cost is exact (measured, or priced by a rule verified on its shapes). */
    public boolean totalExact() {
        return segments.stream().allMatch(s -> s.cost().exact());
    }

    /**
     * The largest error of {@link #totalConstraints()}: every transition's bound added up; null when the
     * total is exact or a part is not priced at all (then no bound can be given).
     */
    public Long totalErrorBound() {
        if (totalExact()) {
            return null;
        }
        long sum = 0;
        for (CompiledSegment s : segments) {
            if (!s.cost().exact()) {
                Long b = CostReport.errorBound(s.cost());
                if (b == null) {
                    return null;
                }
                sum += b;
            }
        }
        return sum;
    }

    /** "exact", "estimated ± N constraints" or "incomplete (a part is not priced)", for the total. */
    public String totalExactness() {
        if (!isChain()) {
            return cost.exactness();
        }
        Long bound = totalErrorBound();
        return totalExact() ? "exact" : bound == null ? "incomplete (a part is not priced)"
                : String.format(java.util.Locale.US, "estimated ± %,d constraints", bound);
    }

    /** The shapes no measurement or verified rule covers, in every transition. */
    public List<String> notExact() {
        return segments.stream().flatMap(s -> s.cost().notExact().stream()).toList();
    }

    /** The universal SRS the proof needs is 2^srsDegreeLog2. */
    public int srsDegreeLog2() {
        return segments.stream().mapToInt(CompiledSegment::srsDegreeLog2).max().orElseThrow();
    }

    /**
     * Proving time and memory (what the dashboard, `zkml cost` and a chain's export.json show): one
     * program at its SRS degree; a chain's transitions are each synthesized and proven at their own
     * degree and the batch proof does them in turn, so times add up and memory is the largest.
     */
    public ProvingEstimate provingEstimate() {
        if (!isChain()) {
            return ProvingEstimate.of(srsDegreeLog2());
        }
        double synthesis = 0;
        double proving = 0;
        double memory = 0;
        for (CompiledSegment s : segments) {
            ProvingEstimate e = ProvingEstimate.of(s.srsDegreeLog2());
            synthesis += e.synthesisSeconds();
            proving += e.provingSeconds();
            memory = Math.max(memory, e.peakMemoryMb());
        }
        return new ProvingEstimate(synthesis, proving, memory, "per transition at its own SRS degree, added up: "
                + ProvingEstimate.of(16).basis());
    }

    /**
     * The private weights input literal(s) the program takes after the data, for the salt in the
     * settings; empty for constant weights.
     */
    public List<String> weightInputs() {
        if (!settings.weightsMode().privateWeights() || settings.scheme() == CommitmentScheme.PACKED_SHARED_PSD8) {
            return List.of();
        }
        if (settings.scheme() == CommitmentScheme.ARRAYS_PSD2) {
            return CommittedWeights.of(quantized).chunks().stream().map(CommittedWeights.Chunk::literal).toList();
        }
        requireSalt();
        return List.of(PackedWeights.of(quantized).literal(settings.salt()));
    }

    /**
     * The weights commitment a private-committed program returns as its last public output (the same for
     * every row); null for other weights modes. {@code hash} is snarkVM's (the sidecar's), the only Poseidon here.
     */
    public String expectedCommitment(java.util.function.BinaryOperator<String> hash) {
        if (settings.weightsMode() != io.zkml.workbench.codegen.WeightsMode.PRIVATE_COMMITTED) {
            return null;
        }
        return ModelCompiler.weightsCommitment(modelFile, quantized, settings, hash);
    }

    /**
     * Scheme /2's one input for a row of quantized data: the salt, the packed weights and the data
     * ({@link PackedInput}); null when the program takes the data as an array of its own.
     */
    public String sharedInput(long[] data) {
        java.util.function.Function<long[], String> rows = sharedInputs();
        return rows == null ? null : rows.apply(data);
    }

    /**
     * {@link #sharedInput} for many rows: the weights are packed and printed once, not per row; null when
     * the program takes the data as an array of its own.
     */
    public java.util.function.Function<long[], String> sharedInputs() {
        if (!settings.weightsMode().privateWeights() || settings.scheme() != CommitmentScheme.PACKED_SHARED_PSD8) {
            return null;
        }
        requireSalt();
        return PackedInput.of(quantized).literals(settings.salt());
    }

    private void requireSalt() {
        if (settings.salt() == null) {
            throw new WorkbenchException("the " + settings.weightsMode().cliName() + " program commits to its weights "
                    + "with a salt, and none is set: pass --salt (the hex salt the owner chose at export) or prove "
                    + "from the exported folder, whose " + LeoProject.SALT + " holds it");
        }
    }

    public String function() {
        return program.function();
    }

    /** Every Aleo limit the program exceeds (including the offline SRS degree). */
    public List<LimitViolation> violations() {
        return segments.stream().flatMap(s -> s.limits().stream()).filter(c -> !c.passed())
                .map(LimitCheck::violation).toList();
    }

    /** Violations of snarkVM's own limits: these programs cannot be deployed or run anywhere. */
    public List<LimitViolation> hardViolations() {
        return violations().stream().filter(v -> !OfflineSrs.isOfflineSrs(v.limit())).toList();
    }

    /** Programs whose circuit needs SRS files that are not in the local parameter cache. */
    public boolean needsDownloadedSrs() {
        return violations().stream().anyMatch(v -> OfflineSrs.isOfflineSrs(v.limit()));
    }
}
