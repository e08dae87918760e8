package io.zkml.workbench.export;

import io.zkml.workbench.codegen.ClosureLayout;
import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.circuit.AleoLimits;
import io.zkml.workbench.circuit.LimitViolation;
import io.zkml.workbench.quant.Producer;
import io.zkml.workbench.quant.QuantizedGraph;
import io.zkml.workbench.quant.QuantizedLayer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Refuses, from the quantized graph's shape alone and in milliseconds, a model whose program
 * certainly exceeds Aleo's instruction count, program size or array length (the input is one array
 * of all the model's input values) — before lowering and printing it,
 * which for a Dense 784-512-10 takes minutes and gigabytes only to be refused by the same limits.
 *
 * <p>The counts are lower bounds, so nothing the full check would accept is refused here: a
 * neuron of a Dense layer whose inputs are all circuit values (not constants) adds its non-zero
 * terms with at least {@code terms - 1} {@code add} instructions, whatever the domain or weights
 * mode. Inputs are known to be values from the program's input through layers that never turn a
 * value into a constant (activations, reshapes, max pooling) and through Dense layers in which
 * every neuron has a non-zero weight; other layers stop the count (they still go to the full
 * check). The limits and their names are {@link AleoLimits}'s, the message is
 * {@link ModelCompiler#requireWithinLimits}'s form.
 */
final class EarlyLimits {

    /**
     * The shortest line the Aleo printer writes for an instruction, "    add r0 r1 into r2;\n"
     * less a few characters of margin; the program size is at least this per instruction.
     */
    static final int MIN_CHARS_PER_INSTRUCTION = 16;

    private EarlyLimits() {
    }

    /** The instructions the program needs at least. */
    static long minInstructions(QuantizedGraph q) {
        return java.util.Arrays.stream(minInstructionsByLayer(q)).sum();
    }

    /** The instructions each layer needs at least, by layer index. */
    static long[] minInstructionsByLayer(QuantizedGraph q) {
        boolean[] variable = new boolean[q.layers().size()];
        long[] count = new long[q.layers().size()];
        for (int i = 0; i < q.layers().size(); i++) {
            QuantizedLayer l = q.layer(i);
            boolean inputsVariable = l.inputCount() > 0;
            for (int in : l.inputs()) {
                inputsVariable &= variable[in];
            }
            Producer p = l.producer();
            if (p instanceof Producer.QuantizeInput) {
                variable[i] = true;
            } else if (p instanceof Producer.Dense d && inputsVariable) {
                boolean everyNeuronLive = true;
                for (int o = 0; o < d.nOut(); o++) {
                    int terms = 0;
                    for (int k = 0; k < d.nIn(); k++) {
                        if (d.weights()[o * d.nIn() + k] != 0) {
                            terms++;
                        }
                    }
                    count[i] += Math.max(0, terms - 1);
                    everyNeuronLive &= terms > 0;
                }
                variable[i] = everyNeuronLive;
            } else if (p instanceof Producer.Identity || p instanceof Producer.MaxPool) {
                variable[i] = inputsVariable;
            }
        }
        return count;
    }

    /**
     * Checks the largest layer, not the whole model: closures lift the per-function instruction cap
     * to {@link ClosureLayout#MAX_CLOSURES} closures' worth, and a chain of programs spreads layers
     * over programs, but one layer is never split across programs.
     *
     * @throws WorkbenchException naming each limit the program is certain to exceed
     */
    static void check(QuantizedGraph q, AleoLimits limits, Path modelFile) {
        long[] byLayer = minInstructionsByLayer(q);
        int largest = 0;
        for (int i = 1; i < byLayer.length; i++) {
            largest = byLayer[i] > byLayer[largest] ? i : largest;
        }
        long instructions = byLayer[largest];
        String layer = "layer " + q.layer(largest).name() + " alone";
        String at = AleoLimits.SOURCE + ", consensus " + limits.consensus() + "; found before generating the program";
        List<LimitViolation> over = new ArrayList<>();
        long closureCap = (long) ClosureLayout.MAX_CLOSURES * limits.maxInstructions();
        if (instructions > closureCap) {
            over.add(new LimitViolation("MAX_INSTRUCTIONS", closureCap, instructions,
                    "instructions of " + layer + " (at least), over what " + ClosureLayout.MAX_CLOSURES
                            + " closures of one program hold", at));
        }
        long size = instructions * MIN_CHARS_PER_INSTRUCTION;
        if (size > limits.maxProgramSize()) {
            over.add(new LimitViolation("MAX_PROGRAM_SIZE", limits.maxProgramSize(), size,
                    "program size in characters of " + layer + " (at least; one layer is not split across programs)", at));
        }
        int inputs = q.layer(0).size();
        if (inputs > limits.maxArrayElements()) {
            over.add(new LimitViolation("MAX_ARRAY_ELEMENTS", limits.maxArrayElements(), inputs,
                    "elements of the input array", at));
        }
        if (!over.isEmpty()) {
            boolean tooWide = inputs > limits.maxArrayElements();
            throw new WorkbenchException("model " + modelFile.getFileName() + " does not fit Aleo's limits:\n  "
                    + over.stream().map(LimitViolation::message).collect(Collectors.joining("\n  "))
                    + "\nsuggestion: " + (tooWide ? "reduce the number of input features (e.g. downsample the image); "
                    : "") + "use a smaller network (fewer or narrower layers); each Dense neuron adds one"
                    + " instruction per non-zero weight. Check the result with `zkml cost MODEL` before exporting");
        }
    }
}
