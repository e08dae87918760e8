package io.zkml.workbench.circuit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Predicted circuit size of a program: the total and its parts. The function's own parts — its
 * fixed overhead (with the constructor), receiving its inputs and publishing its outputs — are
 * components of their own, so no model layer can share a row with them whatever it is called
 * (a layer named {@code input}, {@code output}, {@code fixed} or {@code weights} is a layer like any other).
 * {@code unmeasured} lists the cost keys the table has no measurement for (counted as zero);
 * {@code estimated} the shapes priced by a rule that was not verified on them (inputs, outputs and
 * hashes of array lengths that were never measured, moved from the nearest measured length by
 * {@link PlaintextPacking}). The prediction is exact only when both lists are empty.
 *
 * @param overhead the function's fixed cost, measured with a reference input and output
 * @param inputs   receiving the inputs, relative to the reference input inside {@code overhead}
 *                 (negative when they are smaller than the reference, e.g. an i16 array)
 * @param commitment hashing the private weights (and, pinned, checking the hash): zero for constant weights
 * @param outputs  the public outputs
 * @param layers   per model layer, in program order; only layer names are keys
 * @param call     the caller's side of calling the next segment of a program chain (zero for a whole
 *                 model or a chain's last segment)
 */
public record CostEstimate(CircuitInfo total, CircuitInfo overhead, CircuitInfo inputs, CircuitInfo commitment,
                           CircuitInfo outputs, Map<String, CircuitInfo> layers, List<String> unmeasured,
                           List<String> estimated, CircuitInfo call) {

    public CostEstimate {
        layers = Collections.unmodifiableMap(new LinkedHashMap<>(layers));
        unmeasured = List.copyOf(unmeasured);
        estimated = List.copyOf(estimated);
        call = call == null ? CircuitInfo.ZERO : call;
    }

    public CostEstimate(CircuitInfo total, CircuitInfo overhead, CircuitInfo inputs, CircuitInfo commitment,
                        CircuitInfo outputs, Map<String, CircuitInfo> layers, List<String> unmeasured,
                        List<String> estimated) {
        this(total, overhead, inputs, commitment, outputs, layers, unmeasured, estimated, CircuitInfo.ZERO);
    }

    /** Every part measured or priced by a rule verified on that shape. */
    public boolean exact() {
        return unmeasured.isEmpty() && estimated.isEmpty();
    }

    /** Every instruction and shape has a price (measured, by rule, or extrapolated): nothing counted as zero. */
    public boolean complete() {
        return unmeasured.isEmpty();
    }

    /** What keeps the prediction from being exact, for a person: unmeasured keys, then extrapolated shapes. */
    public List<String> notExact() {
        List<String> out = new ArrayList<>();
        unmeasured.forEach(k -> out.add(k + " (not measured, counted as zero)"));
        estimated.forEach(k -> out.add(k + " (extrapolated by the packing rule, not measured)"));
        return out;
    }

    /**
     * How far the total's constraints can be from snarkVM's, when the prediction is an estimate: the sum of
     * each estimated shape's bound ({@code PlaintextPacking.errorBound}); 0 when exact; empty when a key was
     * not priced at all (counted as zero, so no bound holds).
     */
    public java.util.OptionalLong errorBound() {
        if (!unmeasured.isEmpty()) {
            return java.util.OptionalLong.empty();
        }
        return java.util.OptionalLong.of(estimated.stream().mapToLong(PlaintextPacking::errorBound).sum());
    }

    /** "exact", or "estimated ± N constraints" (or "incomplete" when a part has no price): what reports say. */
    public String exactness() {
        if (exact()) {
            return "exact";
        }
        java.util.OptionalLong b = errorBound();
        return b.isPresent() ? String.format(java.util.Locale.US, "estimated ± %,d constraints", b.getAsLong())
                : "incomplete (a part is not priced)";
    }

    public int srsDegreeLog2() {
        return total.srsDegreeLog2();
    }

    /** The function's own parts together: overhead, inputs, the weights' commitment and the outputs. */
    public CircuitInfo functionParts() {
        return overhead.plus(inputs).plus(commitment).plus(outputs).plus(call);
    }

    /** What the function costs before any layer runs: its overhead and receiving its inputs. */
    public CircuitInfo functionAndInputs() {
        return overhead.plus(inputs);
    }
}
