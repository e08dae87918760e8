package io.zkml.workbench.export;

import io.zkml.workbench.ToolVersion;
import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.circuit.AleoLimits;
import io.zkml.workbench.circuit.CostEstimate;
import io.zkml.workbench.circuit.CostModel;
import io.zkml.workbench.circuit.LimitViolation;
import io.zkml.workbench.codegen.AleoPrinter;
import io.zkml.workbench.codegen.ArrayType;
import io.zkml.workbench.codegen.ChainPoint;
import io.zkml.workbench.codegen.CommittedWeights;
import io.zkml.workbench.codegen.WeightsMode;
import java.util.concurrent.CancellationException;
import java.util.function.BinaryOperator;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import io.zkml.workbench.codegen.CommitmentScheme;
import io.zkml.workbench.codegen.PackedWeights;
import io.zkml.workbench.codegen.IrOutput;
import io.zkml.workbench.codegen.IrProgram;
import io.zkml.workbench.codegen.Lowering;
import io.zkml.workbench.codegen.ProgramSize;
import io.zkml.workbench.codegen.ProgramPrint;
import io.zkml.workbench.codegen.ProgramHeader;
import io.zkml.workbench.codegen.SideBySide;
import io.zkml.workbench.io.FileHashes;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.QuantizedGraph;
import io.zkml.workbench.quant.QuantizedGraphBuilder;
import io.zkml.workbench.session.ModelSession;
import io.zkml.workbench.samples.SampleInfo;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Quantizes, lowers, prints and costs a model: the one path from a model file to its Aleo program. */
public final class ModelCompiler {

    /** What the code generator lowers today (graph.LayerKind's table); named in the message for layers it cannot. */
    public static final String SUPPORTED = io.zkml.workbench.graph.LayerKind.loweredList();

    private final CostModel costs;
    private final ToolVersion tool;

    public ModelCompiler(CostModel costs, ToolVersion tool) {
        this.costs = costs;
        this.tool = tool;
    }

    public static ModelCompiler standard() {
        return new ModelCompiler(CostModel.bundled(), ToolVersion.current());
    }

    /** Constant weights, the default name and the latest consensus version. */
    public CompiledModel compile(ModelSession session, QuantSpec spec, String specJson) {
        return compile(session, spec, specJson, CompileSettings.defaults(), null);
    }

    /**
     * @param specJson the spec's JSON text as the user saved it (its hash goes into the header)
     * @param settings weights mode, program name and the consensus version whose limits apply
     * @param psd2     hash.psd2 of an Aleo value's text (the sidecar's hash op); needed for PINNED only
     */
    public CompiledModel compile(ModelSession session, QuantSpec spec, String specJson, CompileSettings settings,
                                 UnaryOperator<String> psd2) {
        return compileWith(session, QuantizedGraphBuilder.build(session.graph(), spec), specJson, settings,
                psd2Only(psd2));
    }

    /**
     * The same compilation from an already quantized graph (auto-tune's candidates). Every program
     * the workbench shows, prices, exports or proves is made here.
     */
    public CompiledModel compile(ModelSession session, QuantizedGraph q, String specJson, CompileSettings settings,
                                 UnaryOperator<String> psd2) {
        return compileWith(session, q, specJson, settings, psd2Only(psd2));
    }

    /**
     * @param hash (algorithm, Aleo value text) to a field literal: snarkVM's hash (the sidecar's hash op);
     *             needed for PINNED only
     */
    public CompiledModel compileWith(ModelSession session, QuantSpec spec, String specJson, CompileSettings settings,
                                     BinaryOperator<String> hash) {
        return compileWith(session, QuantizedGraphBuilder.build(session.graph(), spec), specJson, settings, hash);
    }

    /**
     * The same compilation for an editor that recompiles on every change: an automatic chain's candidate
     * segments come from {@code prices} where their layers did not change (and go into it), and the
     * compile gives up with a {@link CancellationException} between steps once {@code stop} says its
     * result is no longer wanted (a newer change superseded it).
     */
    public CompiledModel compileWith(ModelSession session, QuantSpec spec, String specJson, CompileSettings settings,
                                     BinaryOperator<String> hash, SegmentPrices prices, BooleanSupplier stop) {
        checkStop(stop);
        return compileWith(session, QuantizedGraphBuilder.build(session.graph(), spec), specJson, settings, hash,
                prices, stop);
    }

    private CompiledModel compileWith(ModelSession session, QuantizedGraph q, String specJson,
                                      CompileSettings settings, BinaryOperator<String> hash) {
        return compileWith(session, q, specJson, settings, hash, new SegmentPrices(), () -> false);
    }

    private static void checkStop(BooleanSupplier stop) {
        if (stop.getAsBoolean()) {
            throw new CancellationException("a newer compile superseded this one");
        }
    }

    /** What one compile works on: the model, its quantized graph, the spec's text and hashes, the settings. */
    private record Unit(ModelSession session, QuantizedGraph q, String specJson, String specSha, String modelSha,
                        ProgramHeader header, CompileSettings settings, AleoLimits limits, BooleanSupplier stop) {
        String file() {
            return session.modelFile().getFileName().toString();
        }

        CompiledModel model(String tool, IrProgram entry, CostEstimate cost,
                            List<io.zkml.workbench.circuit.LimitCheck> checks, List<CompiledSegment> segments) {
            return new CompiledModel(session.modelFile(), modelSha, specJson, specSha, settings, tool, q, entry,
                    cost, checks, outputFormat(session, q, entry), segments);
        }
    }

    /** The same editor's compilation from an already quantized graph. */
    public CompiledModel compileWith(ModelSession session, QuantizedGraph q, String specJson,
                                     CompileSettings settings, BinaryOperator<String> hash, SegmentPrices prices,
                                     BooleanSupplier stop) {
        String modelSha = FileHashes.sha256(session.modelFile());
        String specSha = FileHashes.sha256(specJson.getBytes(StandardCharsets.UTF_8));
        ProgramHeader header = new ProgramHeader(session.modelFile().getFileName().toString(), modelSha, specSha,
                tool.toString());
        Unit unit = new Unit(session, q, specJson, specSha, modelSha, header, settings,
                AleoLimits.at(settings.consensus()), stop);
        AleoLimits limits = unit.limits();
        if (settings.partitioning().splits()) {
            Partitioner partitioner = new Partitioner(q, costs, limits, header, prices, stop);
            List<ChainPoint> cuts = lowerable(session, () -> partitioner.cuts(settings.partitioning(), unit.file()));
            if (!cuts.isEmpty()) {
                return compileChain(unit, cuts, partitioner);
            }
        }
        EarlyLimits.check(q, limits, session.modelFile()); // seconds, not minutes, for a hopeless model
        // One program that breaks a limit closures do not lift (its size, or a per-transition limit) is
        // cut into a chain by the compiler itself, at layer boundaries or between a Conv2D layer's output
        // channels.
        boolean automatic = !settings.partitioning().splits() && settings.weightsMode() == WeightsMode.CONSTANT;
        Partitioner auto = automatic && prices.anyChainedLastTime()
                ? new Partitioner(q, costs, limits, header, prices, stop) : null;
        if (auto != null && auto.chainedLastTime()) {
            // The editor's next compile of a model it just cut: a candidate the search prices anyway proves
            // the one program over the size limit, so the one program is not lowered, printed or priced at
            // all (fashion-cnn: 85,000 instructions, a tenth of each recompile; the one program of a model cut
            // last time was laid out as closures then, and a bit-width change alters its length by little).
            // When no chain fits, the one program after all, as below (its search is now all in the cache).
            Partitioner searched = auto;
            Partitioner.Auto chain = lowerable(session, () -> searched.wholeOverSize(
                    settings.programNameOrDefault(session.modelFile())) ? searched.withinLimits(unit.file(), true) : null);
            if (chain != null && chain.fits()) {
                return compileChain(unit, chain.cuts(), auto);
            }
        }
        Lowering.Lowered lowered = lower(session, q, header, settings, hash);
        IrProgram program = closuresWhereNeeded(lowered.program(), limits, session);
        checkStop(stop);
        ProgramSize size = new AleoPrinter().size(program);
        CostEstimate cost = estimate(prices, program, lowered.prefixes());
        List<io.zkml.workbench.circuit.LimitCheck> checks = limits.checkAll(program, size, cost.total());
        if (automatic && checks.stream().anyMatch(c -> !c.passed() && !OfflineSrs.isOfflineSrs(c.limit()))) {
            // The whole model was just found over a limit: the search need not price it again.
            checkStop(stop);
            if (auto == null) {
                auto = new Partitioner(q, costs, limits, header, prices, stop);
            }
            Partitioner.Auto chain = auto.withinLimits(unit.file(), true);
            if (chain.fits()) {
                auto.chained(true);
                return compileChain(unit, chain.cuts(), auto);
            }
            // No chain fits either: keep the one program and say what blocks every chain.
            checks = new java.util.ArrayList<>(checks);
            checks.addAll(chain.blocking());
        }
        if (automatic) {
            prices.notChained();
        }
        checkStop(stop);
        CompiledSegment only = new CompiledSegment(0, program, ChainPoint.before(0),
                ChainPoint.before(q.layers().size()), null, null, ProgramPrint.aleo(program), size,
                ProgramPrint.leo(program), cost, checks);
        return unit.model(tool.toString(), program, cost, checks, List.of(only));
    }

    /**
     * A chain of programs, the entry first (named as the settings say), then {@code <name>_s1}, ...:
     * each segment lowers its layers and calls the next, the last returns the model's outputs. A segment
     * the partition search priced as a candidate takes its estimate from {@code priced} (the same body,
     * named otherwise): walking tens of thousands of instructions again gave the same numbers.
     */
    private CompiledModel compileChain(Unit unit, List<ChainPoint> cuts, Partitioner priced) {
        ModelSession session = unit.session();
        CompileSettings settings = unit.settings();
        if (settings.weightsMode() != WeightsMode.CONSTANT) {
            throw new WorkbenchException("model " + unit.file() + ": a chain of programs is "
                    + "compiled with constant weights only so far; use --weights constant, or no split");
        }
        String name = settings.programNameOrDefault(session.modelFile());
        List<String> names = new java.util.ArrayList<>(List.of(name));
        for (int i = 1; i <= cuts.size(); i++) {
            names.add(segmentName(name, i));
        }
        List<Integer> indices = IntStream.rangeClosed(0, cuts.size()).boxed().toList();
        // The segments the last chain of this model held unchanged (a change to a later layer) are taken as they
        // were, under this compile's header; the others are lowered.
        List<CompiledSegment> kept = indices.stream().map(i -> priced.kept(i == 0 ? ChainPoint.before(0) : cuts.get(i - 1),
                i < cuts.size() ? cuts.get(i) : ChainPoint.before(unit.q().layers().size()), names.get(i),
                i < cuts.size() ? names.get(i + 1) : null)).toList();
        List<Lowering.LoweredSegment> lowered;
        try {
            lowered = new Lowering().lowerChainAt(unit.q(), unit.header(), names, cuts, priced::handoffAt,
                    i -> kept.get(i) == null);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            throw new WorkbenchException("model " + unit.file() + " cannot be lowered to a "
                    + "chain of Aleo programs: " + e.getMessage(), e);
        }
        List<CompiledSegment> segments = SideBySide.map(indices, i -> {
            checkStop(unit.stop());
            Lowering.LoweredSegment s = lowered.get(i);
            if (s == null) {
                CompiledSegment k = kept.get(i);
                IrProgram program = k.program().withHeader(unit.header());
                return new CompiledSegment(i, program, k.start(), k.end(), k.receives(), k.passes(),
                        ProgramPrint.aleo(program), k.size(), ProgramPrint.leo(program), k.cost(), k.limits());
            }
            IrProgram program = closuresWhereNeeded(s.program(), unit.limits(), session);
            ProgramSize size = new AleoPrinter().size(program);
            CostEstimate known = priced.estimate(s.start(), s.end());
            CostEstimate cost = known != null ? known : costs.estimate(program);
            String id = program.programName() + ".aleo";
            List<io.zkml.workbench.circuit.LimitCheck> checks = unit.limits().checkAll(program, size, cost.total())
                    .stream().map(c -> new io.zkml.workbench.circuit.LimitCheck(c.limit(), c.allowed(), c.actual(),
                            id + ": " + c.what(), c.source())).toList();
            return new CompiledSegment(i, program, s.start(), s.end(), s.receives(), s.passes(),
                    ProgramPrint.aleo(program), size, ProgramPrint.leo(program), cost, checks);
        });
        priced.keep(segments, names);
        CompiledSegment entry = segments.get(0);
        return unit.model(tool.toString(), entry.program(), entry.cost(),
                entry.limits(), segments);
    }

    /**
     * The one program's estimate, exactly {@link CostModel#estimate(IrProgram)}'s, its body priced from the longest
     * of the states {@code prices} kept from the last compile's walk that it starts with (an editor's recompile
     * after a change to a later layer or to a layer's activation steps), saving states at {@code prefixes}.
     */
    private CostEstimate estimate(SegmentPrices prices, IrProgram p, List<Integer> prefixes) {
        CostModel.Resumed r = costs.estimate(p, prices.programWalk(), prefixes);
        prices.programWalked(r);
        return r.estimate();
    }

    /**
     * {@code p} itself, or, when its function is over the per-function instruction cap, the same
     * program printed as closures the function calls: same body, same circuit (a closure call adds
     * nothing to it, ../shared/notes/aleo-calls.md), each closure with an instruction budget of its own.
     *
     * @throws IllegalArgumentException when even closures cannot hold it (the message says which limit)
     */
    static IrProgram withinInstructionCap(IrProgram p, AleoLimits limits) {
        int cap = Math.min(limits.maxInstructions(), RUNNABLE_INSTRUCTIONS);
        return p.body().size() <= cap ? p : p.withClosures(cap);
    }

    /**
     * The most instructions the compiler puts in one function or closure, below snarkVM's 65,535:
     * the SDK's WASM snarkVM (the sidecar) aborts ("unreachable") authorizing fashion-mlp's
     * 27,029-instruction function, but runs the same body as two closures of about 13,500 each
     * (measured 2026-12-05, SDK 0.11.10; a closure's registers are released when it returns). The
     * fashion-cnn chain (about 40,000 instructions in each of its first two programs) aborts the same
     * way with closures of up to 16,384 and runs bit-equal with closures of up to 8,192 (measured
     * 2026-12-06, FashionCnnChainSnarkVmTest). Closures cost nothing in the circuit, so the margin is free.
     */
    static final int RUNNABLE_INSTRUCTIONS = 8_192;

    private static IrProgram closuresWhereNeeded(IrProgram p, AleoLimits limits, ModelSession session) {
        try {
            return withinInstructionCap(p, limits);
        } catch (IllegalArgumentException e) {
            throw new WorkbenchException("model " + session.modelFile().getFileName() + " does not fit one Aleo program "
                    + "even as closures: " + e.getMessage() + "; use a smaller network (fewer or narrower layers)", e);
        }
    }

    /** The program name of a chain's segment {@code i} (1 = the entry's callee). */
    public static String segmentName(String entry, int i) {
        return entry + "_s" + i;
    }

    /**
     * The cost {@link #compile} records for the same graph and settings, without printing the texts
     * or checking the limits: auto-tune prices hundreds of candidates. Same lowering, same cost
     * model; the header (a comment naming the model and spec hashes) costs nothing and is left blank.
     */
    public CostEstimate price(ModelSession session, QuantizedGraph q, CompileSettings settings,
                              BinaryOperator<String> hash) {
        ProgramHeader header = new ProgramHeader(session.modelFile().getFileName().toString(), "0".repeat(64),
                "0".repeat(64), tool.toString());
        return costs.estimate(lower(session, q, header, settings, hash).program());
    }

    /** A hash function that knows only hash.psd2 (what the callers of the psd2 overloads have). */
    private static BinaryOperator<String> psd2Only(UnaryOperator<String> psd2) {
        return psd2 == null ? null : (algorithm, text) -> {
            if (!algorithm.equals("psd2")) {
                throw new IllegalStateException("compiled with a hash.psd2 function only, but hash." + algorithm
                        + " is needed");
            }
            return psd2.apply(text);
        };
    }

    private static Lowering.Lowered lower(ModelSession session, QuantizedGraph q, ProgramHeader header,
                                          CompileSettings settings, BinaryOperator<String> hash) {
        String name = settings.programNameOrDefault(session.modelFile());
        WeightsMode weights = settings.weightsMode();
        String pinned = weights == WeightsMode.PINNED ? pinnedCommitment(session, q, settings, hash) : null;
        return lower(session, q, header, name, weights, settings.scheme(), pinned);
    }

    /** Refuses programs snarkVM would reject, naming every limit, the numbers and what to change. */
    public static void requireWithinLimits(CompiledModel m) {
        List<LimitViolation> hard = m.hardViolations();
        if (hard.isEmpty()) {
            return;
        }
        throw new WorkbenchException("model " + m.modelFile().getFileName() + " does not fit Aleo's limits:\n  "
                + hard.stream().map(LimitViolation::message).collect(Collectors.joining("\n  "))
                + "\nsuggestion: " + suggestion(hard, m.program().inputs().stream()
                .mapToInt(i -> i.reg().arrayType().length()).sum() == m.quantized().layer(0).size()));
    }

    /** @param constantWeights the program's inputs are only the data (no private weight arrays) */
    private static String suggestion(List<LimitViolation> hard, boolean constantWeights) {
        boolean size = hard.stream().anyMatch(v -> v.limit().contains("INSTRUCTIONS") || v.limit().contains("PROGRAM_SIZE")
                || v.limit().contains("CONSTRAINTS") || v.limit().contains("VARIABLES"));
        boolean arrays = hard.stream().anyMatch(v -> v.limit().contains("ARRAY") || v.limit().contains("INPUTS")
                || v.limit().contains("OUTPUTS"));
        StringBuilder s = new StringBuilder();
        if (size) {
            s.append("use a smaller network (fewer or narrower layers)");
            // Only the program text's size shrinks when the weights move out of it (--weights
            // private-committed or pinned); a user already there has no such step left.
            boolean textSize = hard.stream().anyMatch(v -> v.limit().contains("INSTRUCTIONS") || v.limit().contains("PROGRAM_SIZE"));
            s.append(textSize && constantWeights ? ", or use --weights private-committed or pinned, which move the "
                    + "weights out of the program text; " : "; ");
        }
        if (arrays) {
            s.append("reduce the number of input features or output classes; ");
        }
        s.append("check the result with `zkml cost MODEL` before exporting");
        return s.toString();
    }

    private static String pinnedCommitment(ModelSession session, QuantizedGraph q, CompileSettings settings,
                                           BinaryOperator<String> hash) {
        return weightsCommitment(session.modelFile(), q, settings, hash);
    }

    /**
     * The weights commitment a pinned program compiles in and a private-committed one outputs: Poseidon over
     * the (salted) weights, which only snarkVM computes ({@code hash}: the sidecar's).
     */
    static String weightsCommitment(java.nio.file.Path modelFile, QuantizedGraph q, CompileSettings settings,
                                    BinaryOperator<String> hash) {
        if (settings.scheme() == CommitmentScheme.ARRAYS_PSD2) {
            return CommittedWeights.of(q).commitment(text -> hash.apply("psd2", text));
        }
        if (settings.salt() == null) {
            throw new WorkbenchException("model " + modelFile.getFileName() + ": " + settings.weightsMode().cliName()
                    + " weights commit to the weights with a salt, so they need it (--salt, or the project's salt)");
        }
        try {
            return PackedWeights.of(q).commitment(settings.salt(), hash);
        } catch (IllegalArgumentException e) {
            throw new WorkbenchException("model " + modelFile.getFileName() + " cannot be lowered to Aleo: "
                    + e.getMessage(), e);
        }
    }

    private static Lowering.Lowered lower(ModelSession session, QuantizedGraph q, ProgramHeader header, String name,
                                          WeightsMode weights, CommitmentScheme scheme, String pinned) {
        return lowerable(session, () -> new Lowering().lowerWithPrefixes(q, header, name, weights, scheme, pinned));
    }

    /**
     * {@code lowering}'s result, a layer the code generator cannot lower refused with what to do: the whole
     * model's lowering, or a chain search's, which lowers its layers as candidate segments.
     */
    private static <T> T lowerable(ModelSession session, java.util.function.Supplier<T> lowering) {
        try {
            return lowering.get();
        } catch (UnsupportedOperationException e) {
            throw new WorkbenchException("model " + session.modelFile().getFileName() + ": " + e.getMessage()
                    + ". The Aleo code generator supports " + SUPPORTED
                    + "; replace that layer (e.g. max pooling by a strided convolution) and retrain", e);
        } catch (IllegalArgumentException e) {
            throw new WorkbenchException("model " + session.modelFile().getFileName() + " cannot be lowered to Aleo: "
                    + e.getMessage(), e);
        }
    }

    private static OutputFormat outputFormat(ModelSession session, QuantizedGraph q, IrProgram p) {
        List<String> types = p.outputs().stream().map(o -> o.value().type().aleo()).toList();
        List<String> classes = session.dataset().map(d -> d.classNames()).filter(c -> c != null && !c.isEmpty())
                .orElseGet(() -> ModelSession.sampleFor(session.modelFile()).map(SampleInfo::classNames).orElse(List.of()));
        // Argmax is one scalar class output; private-committed weights append a public field commitment after it.
        boolean argmax = !(p.outputs().get(0).value().type() instanceof ArrayType);
        return new OutputFormat(argmax ? OutputFormat.CLASS : OutputFormat.LOGITS, q.output().fracBits(), classes,
                types);
    }

    static boolean isLogits(IrOutput o) {
        return o.value().type() instanceof ArrayType;
    }
}
