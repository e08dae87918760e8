package io.zkml.workbench.export;

import io.zkml.workbench.ToolVersion;
import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.circuit.AleoLimits;
import io.zkml.workbench.circuit.CostEstimate;
import io.zkml.workbench.circuit.CostModel;
import io.zkml.workbench.circuit.LimitViolation;
import io.zkml.workbench.codegen.AleoPrinter;
import io.zkml.workbench.codegen.ArrayType;
import io.zkml.workbench.codegen.CommittedWeights;
import io.zkml.workbench.codegen.WeightsMode;
import java.util.function.UnaryOperator;
import io.zkml.workbench.codegen.IrOutput;
import io.zkml.workbench.codegen.IrProgram;
import io.zkml.workbench.codegen.LeoPrinter;
import io.zkml.workbench.codegen.Lowering;
import io.zkml.workbench.codegen.ProgramHeader;
import io.zkml.workbench.io.FileHashes;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.QuantizedGraph;
import io.zkml.workbench.quant.QuantizedGraphBuilder;
import io.zkml.workbench.session.ModelSession;
import io.zkml.workbench.samples.SampleInfo;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** Quantizes, lowers, prints and costs a model: the one path from a model file to its Aleo program. */
public final class ModelCompiler {

    /** What the code generator lowers today (graph.LayerKind's table); named in the message for layers it cannot. */
    public static final String SUPPORTED = io.zkml.workbench.graph.LayerKind.loweredList();

    private final AleoLimits limits;
    private final CostModel costs;
    private final ToolVersion tool;

    public ModelCompiler(AleoLimits limits, CostModel costs, ToolVersion tool) {
        this.limits = limits;
        this.costs = costs;
        this.tool = tool;
    }

    public static ModelCompiler standard() {
        return new ModelCompiler(AleoLimits.latest(), CostModel.bundled(), ToolVersion.current());
    }

    /**
     * @param specJson    the spec's JSON text as the user saved it (its hash goes into the header)
     * @param programName Aleo program name without {@code .aleo}; null derives it from the model file
     */
    public CompiledModel compile(ModelSession session, QuantSpec spec, String specJson, String programName) {
        return compile(session, spec, specJson, programName, WeightsMode.CONSTANT, null);
    }

    /**
     * @param weights how the weights enter the program
     * @param psd2    hash.psd2 of an Aleo value's text (the sidecar's hash op); needed for PINNED only
     */
    public CompiledModel compile(ModelSession session, QuantSpec spec, String specJson, String programName,
                                 WeightsMode weights, UnaryOperator<String> psd2) {
        String modelSha = FileHashes.sha256(session.modelFile());
        String specSha = FileHashes.sha256(specJson.getBytes(StandardCharsets.UTF_8));
        ProgramHeader header = new ProgramHeader(session.modelFile().getFileName().toString(), modelSha, specSha,
                tool.toString());
        String name = programName != null ? programName : defaultName(session);
        QuantizedGraph q = QuantizedGraphBuilder.build(session.graph(), spec);
        String pinned = weights == WeightsMode.PINNED ? CommittedWeights.of(q).commitment(psd2) : null;
        IrProgram program = lower(session, q, header, name, weights, pinned);
        String aleo = new AleoPrinter().print(program).text();
        String leo = new LeoPrinter().print(program).text();
        CostEstimate cost = costs.estimate(program);
        return new CompiledModel(session.modelFile(), modelSha, specJson, specSha, q, program, aleo, leo, cost,
                limits.checkAll(program, aleo, cost.total()), outputFormat(session, q, program));
    }

    /** Refuses programs snarkVM would reject, naming every limit, the numbers and what to change. */
    public static void requireWithinLimits(CompiledModel m) {
        List<LimitViolation> hard = m.hardViolations();
        if (hard.isEmpty()) {
            return;
        }
        throw new WorkbenchException("model " + m.modelFile().getFileName() + " does not fit Aleo's limits:\n  "
                + hard.stream().map(LimitViolation::message).collect(Collectors.joining("\n  "))
                + "\nsuggestion: " + suggestion(hard));
    }

    private static String suggestion(List<LimitViolation> hard) {
        boolean size = hard.stream().anyMatch(v -> v.limit().contains("INSTRUCTIONS") || v.limit().contains("PROGRAM_SIZE")
                || v.limit().contains("CONSTRAINTS") || v.limit().contains("VARIABLES"));
        boolean arrays = hard.stream().anyMatch(v -> v.limit().contains("ARRAY") || v.limit().contains("INPUTS")
                || v.limit().contains("OUTPUTS"));
        StringBuilder s = new StringBuilder();
        if (size) {
            s.append("use a smaller network (fewer or narrower layers), or use --weights modes that move weights "
                    + "out of the program text; ");
        }
        if (arrays) {
            s.append("reduce the number of input features or output classes; ");
        }
        s.append("check the result with `zkml cost MODEL` before exporting");
        return s.toString();
    }

    private static IrProgram lower(ModelSession session, QuantizedGraph q, ProgramHeader header, String name,
                                   WeightsMode weights, String pinned) {
        try {
            return new Lowering().lower(q, header, name, weights, pinned);
        } catch (UnsupportedOperationException e) {
            throw new WorkbenchException("model " + session.modelFile().getFileName() + ": " + e.getMessage()
                    + ". The Aleo code generator supports " + SUPPORTED
                    + "; replace that layer (e.g. max pooling by a strided convolution) and retrain", e);
        } catch (IllegalArgumentException e) {
            throw new WorkbenchException("model " + session.modelFile().getFileName() + " cannot be lowered to Aleo: "
                    + e.getMessage(), e);
        }
    }

    private static String defaultName(ModelSession session) {
        String file = session.modelFile().getFileName().toString();
        int dot = file.lastIndexOf('.');
        return (dot > 0 ? file.substring(0, dot) : file).toLowerCase().replace('-', '_').replace('.', '_');
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
