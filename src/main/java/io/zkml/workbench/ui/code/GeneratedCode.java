package io.zkml.workbench.ui.code;

import io.zkml.workbench.codegen.WeightsMode;
import io.zkml.workbench.codegen.PrintedProgram;
import io.zkml.workbench.export.CompileSettings;
import io.zkml.workbench.export.CompiledModel;
import io.zkml.workbench.export.ModelCompiler;
import io.zkml.workbench.export.SegmentPrices;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.QuantSpecJson;
import io.zkml.workbench.session.ModelSession;

import io.zkml.workbench.export.CompiledSegment;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.BooleanSupplier;

/**
 * The program generated for one spec: the compiled model (what export and proving use) and both
 * printed texts with their per-layer line ranges (what the code view highlights).
 *
 * @param programs every program of the compiled model in call order, the entry first (one for a whole model)
 */
public record GeneratedCode(ModelSession session, QuantSpec spec, CompiledModel compiled, long constantConstraints,
                            List<ProgramText> programs) {

    public GeneratedCode {
        programs = List.copyOf(programs);
    }

    /** The entry program's Leo text: printed on first use, by whoever asks first (the code view: its styling thread). */
    public PrintedProgram leo() {
        return programs.get(0).leo();
    }

    /** The entry program's Aleo text. */
    public PrintedProgram aleo() {
        return programs.get(0).aleo();
    }

    /** One program's printed texts, with the line ranges of the layers it lowers (the compiler's printing). */
    public record ProgramText(CompiledSegment segment) {
        public PrintedProgram leo() {
            return segment.leo();
        }

        public PrintedProgram aleo() {
            return segment.aleo();
        }
    }

    /**
     * Runs on a worker thread. Compiles through the same path as {@code zkml export}.
     *
     * @param hash   snarkVM's Poseidon hash (algorithm, literal; the sidecar's); called for pinned weights only
     * @param prices the candidate segments earlier compiles of this model priced (an automatic chain's search)
     * @param stop   true once the result is no longer wanted: the compile then stops with a CancellationException
     */
    public static GeneratedCode generate(ModelCompiler compiler, ModelSession session, QuantSpec spec, CompileSettings settings,
                                  BinaryOperator<String> hash, SegmentPrices prices, BooleanSupplier stop) {
        // The spec's text as a saved project holds it, so `zkml export --project` hashes the same text.
        String specJson = new QuantSpecJson().toJson(spec);
        CompiledModel c = compiler.compileWith(session, spec, specJson, settings, hash, prices, stop);
        // The compiler's own printing, line maps included: what the Code tab shows is the text it checked.
        List<ProgramText> programs = new ArrayList<>();
        for (CompiledSegment s : c.segments()) {
            programs.add(new ProgramText(s));
        }
        // The same model with constant weights, compiled on the same path, for the Code tab's
        // "+N per weight" next to the weights mode (issue #18's measure of a mode's cost).
        long constant = settings.weightsMode().privateWeights()
                ? compiler.price(session, c.quantized(), settings.withWeightsMode(WeightsMode.CONSTANT), null).total()
                        .constraints()
                : c.cost().total().constraints();
        return new GeneratedCode(session, spec, c, constant, programs);
    }

    /** Constraints the chosen weights mode adds per weight and bias over constant weights; 0 for constant weights. */
    public double overheadPerWeight() {
        if (!compiled.weightsMode().privateWeights()) {
            return 0;
        }
        int params = io.zkml.workbench.codegen.PackedWeights.of(compiled.quantized()).parameters();
        return params == 0 ? 0 : (double) (compiled.cost().total().constraints() - constantConstraints) / params;
    }

    /** Packed bits per weight and bias (their groups' widths), which the overhead per weight grows with; 0 for constant weights. */
    public double bitsPerParameter() {
        if (!compiled.weightsMode().privateWeights()) {
            return 0;
        }
        io.zkml.workbench.codegen.PackedWeights packed = io.zkml.workbench.codegen.PackedWeights.of(compiled.quantized());
        return packed.parameters() == 0 ? 0 : (double) packed.valueBits() / packed.parameters();
    }

    public long instructionCount() {
        return compiled.program().body().size();
    }
}
