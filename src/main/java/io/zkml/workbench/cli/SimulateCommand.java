package io.zkml.workbench.cli;

import io.zkml.workbench.data.RowValues;
import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.export.CompiledModel;
import io.zkml.workbench.export.RowEncoder;
import io.zkml.workbench.export.SampleRow;
import io.zkml.workbench.graph.FloatInterpreter;
import java.util.List;
import io.zkml.workbench.quant.IntegerSimulator;
import io.zkml.workbench.quant.QuantSpec;
import io.zkml.workbench.quant.QuantizedGraph;
import io.zkml.workbench.quant.QuantizedGraphBuilder;
import io.zkml.workbench.quant.SimulationResult;
import io.zkml.workbench.session.ModelSession;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Run one input through the float model and the bit-exact integer simulation.")
final class SimulateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelInputs inputs;

    /** The Aleo inputs shown are those of the program these settings compile (or the project's). */
    @Mixin
    CompileOptions compile;

    @Option(names = "--input", required = true, paramLabel = "V1,V2,...",
            description = "One row of raw feature values, as in the dataset CSV (the model's normaliser is applied).")
    String input;

    @Option(names = "--normalized", description = "The --input values are already normalised.")
    boolean normalized;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    /** Field names are documented in README (CLI JSON). */
    record SimulateJson(String model, double[] rawInput, float[] normalizedInput, long[] quantizedInput,
                        int inputFracBits, float[] floatOutput, long[] quantizedOutput, int outputFracBits,
                        double[] dequantizedOutput, Integer floatClass, Integer quantizedClass, String overflow,
                        List<String> aleoInputs, List<String> aleoOutputs, String aleoNote) {
    }

    @Override
    public Integer call() throws Exception {
        ModelSession session = inputs.open();
        double[] exact = RowValues.parseExact(input, "--input value");
        float[] raw = RowValues.parse(input, "--input value");
        float[] x = normalized ? raw : session.normalize(exact);
        QuantSpec quant = inputs.spec(session);
        QuantizedGraph qg = QuantizedGraphBuilder.build(session.graph(), quant);
        SimulationResult r = new IntegerSimulator().run(qg, new float[][] {x});
        float[] fOut = new FloatInterpreter(QuantizedGraphBuilder.prepare(session.graph(), quant)).output(x);
        long[] qOut = r.row(qg.outputIndex(), 0);
        double[] deq = r.dequantizedRow(qg.outputIndex(), 0);
        boolean classifier = fOut.length > 1;
        List<String> aleoInputs = null;
        List<String> aleoOutputs = null;
        String aleoNote = null;
        try {
            CompiledModel compiled = compile.compile(inputs, session, SpecSource.of(inputs, quant), null);
            SampleRow row = new RowEncoder(compiled).encode(new float[][] {x}, new float[][] {raw}, null, 0).get(0);
            aleoInputs = row.inputs();
            aleoOutputs = row.expectedOutputs();
        } catch (WorkbenchException notLowerable) {
            aleoNote = notLowerable.getMessage();
        }
        SimulateJson result = new SimulateJson(session.graph().name(), exact, x, r.row(0, 0), qg.layer(0).fracBits(),
                fOut, qOut, qg.output().fracBits(), deq, classifier ? argmax(fOut) : null,
                r.predictions() != null ? Integer.valueOf(r.predictions()[0]) : classifier ? argmax(deq) : null,
                r.overflow().isClean() ? null : r.overflow().summary(), aleoInputs, aleoOutputs, aleoNote);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            new JsonOutput().print(out, result);
            return ZkmlCli.OK;
        }
        out.println("normalised input:   " + Arrays.toString(x));
        out.println("quantized input:    " + Arrays.toString(result.quantizedInput()) + "  (scale 2^-" + result.inputFracBits() + ")");
        out.println("float output:       " + Arrays.toString(fOut));
        out.println("quantized output:   " + Arrays.toString(qOut) + "  (scale 2^-" + result.outputFracBits() + ")");
        out.println("dequantized output: " + Arrays.toString(deq));
        if (aleoInputs != null) {
            out.println("Aleo inputs:        " + String.join(" ", aleoInputs));
            out.println("Aleo outputs:       " + String.join(" ", aleoOutputs) + "  (what the exported program returns)");
        } else {
            out.println("Aleo inputs:        not available: " + aleoNote);
        }
        if (classifier) {
            out.println("class: float " + result.floatClass() + ", quantized " + result.quantizedClass());
        }
        if (result.overflow() != null) {
            out.println("WARNING: overflow — the Aleo program would abort on this input:\n" + result.overflow());
        }
        out.flush();
        return ZkmlCli.OK;
    }


    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
