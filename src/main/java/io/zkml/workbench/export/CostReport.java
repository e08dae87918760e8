package io.zkml.workbench.export;

import io.zkml.workbench.circuit.AleoLimits;
import io.zkml.workbench.circuit.CircuitInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a program will cost to prove: predicted circuit per layer and in total, the SRS degree,
 * whether the local parameters suffice, time and memory estimates, and every Aleo limit checked.
 *
 * @param measured the circuit snarkVM synthesized for this exact program text, when the key cache has it
 * @param transitions one row per program of a chain, entry first; null (and left out of the JSON, so a
 *                 single program's report is as before) for one program. The other fields describe the entry.
 * @param fees     one execution's fee (exact) and the deployment's (estimated), of every transition together
 */
public record CostReport(String programId, String model, List<LayerCost> layers, CircuitInfo total, int srsDegreeLog2,
                         boolean predictionExact, List<String> unmeasuredCostKeys,
                         @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                         Long predictionErrorBound, int offlineSrsLog2,
                         boolean offlineParametersSuffice, String paramsDir, ProvingEstimate estimate,
                         String consensus, List<LimitRow> limits, boolean withinLimits, CircuitInfo measured,
                         @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                         List<TransitionRow> transitions,
                         @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                         ChainTotal chain, FeeSummary fees) {

    /**
     * A chain's whole execution, every transition together, as the dashboard's constraints tile gives it; the
     * report's {@code total} and prediction fields are the entry program's, like its layer rows.
     *
     * @param predictionErrorBound every estimated transition's bound added up; null when exact, or when a part is
     *                             not priced (then no bound can be given)
     * @param unmeasuredCostKeys   the shapes no measurement or verified rule covers, in any transition
     */
    public record ChainTotal(long constraints, boolean predictionExact,
                             @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                             Long predictionErrorBound, List<String> unmeasuredCostKeys) {

        public ChainTotal {
            unmeasuredCostKeys = List.copyOf(unmeasuredCostKeys);
        }

        static ChainTotal of(CompiledModel m) {
            return new ChainTotal(m.totalConstraints(), m.totalExact(), m.totalErrorBound(),
                    m.notExact().stream().distinct().toList());
        }
    }

    /**
     * One transition of a chain: its program, layers, circuit, size, its bytes in the execution and its
     * program's deployment fee.
     *
     * @param receives the activation it takes from its caller ({@code [u16; 8u32] (layer0)}), null for the entry
     * @param executionBytes this transition's bytes in the execution, with its part of the batch proof (exact;
     *                 the execution's fee is that of all transitions' bytes together, {@link FeeSummary})
     * @param deploymentFeeEstimateMicrocredits the program's deployment fee, estimated with the program text's
     *                 characters as its bytes ({@link Fees#deploymentEstimate})
     */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    public record TransitionRow(String programId, int fromLayer, int toLayer, List<String> layers, String receives,
                                long constraints, long variables, long nonZeroA, long nonZeroB, long nonZeroC,
                                int srsDegreeLog2, boolean predictionExact, int instructions, long characters,
                                long executionBytes, long deploymentFeeEstimateMicrocredits) {

        static TransitionRow of(CompiledModel m, CompiledSegment s) {
            CircuitInfo c = s.cost().total();
            List<String> names = new ArrayList<>();
            for (int i = s.fromLayer(); i < s.toLayer(); i++) {
                names.add(m.quantized().layer(i).name());
            }
            String in = s.receives() == null ? null : String.join(" ", s.receives().arrays().stream()
                    .map(a -> a.aleo()).toList()) + " (" + s.receives().layer() + ")";
            return new TransitionRow(s.programId(), s.fromLayer(), s.toLayer(), names, in, c.constraints(),
                    c.variables(), c.nonZeroA(), c.nonZeroB(), c.nonZeroC(), s.srsDegreeLog2(), s.cost().exact(),
                    s.instructions(), s.characters(), s.executionBytes(), s.deploymentEstimate().total());
        }
    }

    /**
     * One row of the table. {@code part} says what the row prices: {@link #FUNCTION} (the function's
     * fixed overhead), {@link #INPUTS}, {@link #LAYER}, {@link #COMMITMENT} (private weights only) or
     * {@link #OUTPUTS}; {@code layer} is the model
     * layer's name for layer rows and null otherwise, so a layer named "input" or "fixed" never shares
     * a row with the function's own parts.
     */
    public record LayerCost(String part, String layer, long constraints, long variables, long nonZeroA, long nonZeroB,
                            long nonZeroC) {

        public static final String FUNCTION = "function-overhead";
        public static final String INPUTS = "inputs";
        public static final String LAYER = "layer";
        public static final String OUTPUTS = "outputs";
        public static final String COMMITMENT = "weights-commitment";

        static LayerCost of(String part, String layer, CircuitInfo c) {
            return new LayerCost(part, layer, c.constraints(), c.variables(), c.nonZeroA(), c.nonZeroB(), c.nonZeroC());
        }

        public boolean modelLayer() {
            return LAYER.equals(part);
        }

        /** The row's label in tables: the layer's name, or the function's part in brackets. */
        public String label() {
            return switch (part) {
                case FUNCTION -> "[function]";
                case INPUTS -> "[inputs]";
                case OUTPUTS -> "[outputs]";
                case COMMITMENT -> "[commitment]";
                default -> layer;
            };
        }
    }

    /**
     * One Aleo limit checked.
     *
     * @param allowed  {@link Long#MAX_VALUE} where the consensus version sets no per-program limit
     * @param blocking exceeding it makes the program unusable (the offline SRS degree only means
     *                 downloading parameter files)
     */
    public record LimitRow(String limit, long allowed, long actual, String what, boolean passed, boolean blocking) {
    }

    /**
     * What the limit rows add up to, as the dashboard's tile and {@code zkml cost} head their lists: Aleo's
     * limits (the blocking rows) counted apart from the offline SRS check, which only says whether this
     * machine's parameter files suffice. "3 of 33 fail" for a chain that fits every Aleo limit read as a
     * program that cannot be deployed.
     *
     * @param limits       Aleo limits checked (every program's)
     * @param failed       of those, how many the program breaks
     * @param beyondOffline programs that need more SRS than the offline parameters hold (proving downloads them)
     */
    public record LimitsSummary(int limits, int failed, int beyondOffline) {

        public static LimitsSummary of(List<LimitRow> rows) {
            return new LimitsSummary((int) rows.stream().filter(LimitRow::blocking).count(),
                    (int) rows.stream().filter(r -> r.blocking() && !r.passed()).count(),
                    (int) rows.stream().filter(r -> !r.blocking() && !r.passed()).count());
        }

        /** "all 7 pass" or "1 of 7 fail" (Aleo's limits only). */
        public String aleoLimits() {
            return failed == 0 ? "all " + limits + " pass" : failed + " of " + limits + " fail";
        }

        /** Empty when the offline parameters suffice; else how many programs need the downloaded ones. */
        public String offline(int offlineSrsLog2) {
            return beyondOffline == 0 ? "" : (beyondOffline == 1 ? "1 program needs" : beyondOffline + " programs need")
                    + " more SRS than the offline 2^" + offlineSrsLog2 + " (not blocking: proving downloads the"
                    + " parameter files)";
        }
    }

    /** Every limit checked for {@code m}, as the report lists them. */
    public static List<LimitRow> rows(CompiledModel m) {
        return m.segments().stream().flatMap(g -> g.limits().stream()).map(c -> new LimitRow(c.limit(), c.allowed(), c.actual(), c.what(), c.passed(),
                !OfflineSrs.isOfflineSrs(c.limit()))).toList();
    }

    /** The report of {@code m}, with the limits of the consensus version it was compiled for. */
    public static CostReport of(CompiledModel m, Path paramsDir, CircuitInfo measured) {
        AleoLimits limits = AleoLimits.at(m.settings().consensus());
        List<LayerCost> layers = new ArrayList<>();
        layers.add(LayerCost.of(LayerCost.FUNCTION, null, m.cost().overhead()));
        layers.add(LayerCost.of(LayerCost.INPUTS, null, m.cost().inputs()));
        for (Map.Entry<String, CircuitInfo> l : m.cost().layers().entrySet()) {
            layers.add(LayerCost.of(LayerCost.LAYER, l.getKey(), l.getValue()));
        }
        if (m.program().commitmentLayer() != null) {
            layers.add(LayerCost.of(LayerCost.COMMITMENT, null, m.cost().commitment()));
        }
        layers.add(LayerCost.of(LayerCost.OUTPUTS, null, m.cost().outputs()));
        List<LimitRow> checks = rows(m);
        int srs = m.srsDegreeLog2();
        boolean suffice = srs <= limits.offlineSrsLog2() && paramsDir != null
                && Files.isRegularFile(paramsDir.resolve("powers-of-beta-" + Math.max(srs, 16) + ".usrs"));
        return new CostReport(m.programId(), m.modelFile().getFileName().toString(), layers, m.cost().total(), srs,
                m.cost().exact(), m.cost().notExact(), errorBound(m.cost()), limits.offlineSrsLog2(), suffice,
                paramsDir == null ? null : paramsDir.toString(), m.provingEstimate(), limits.consensus().name(),
                checks, m.hardViolations().isEmpty(), measured,
                m.isChain() ? m.segments().stream().map(g -> TransitionRow.of(m, g)).toList() : null,
                m.isChain() ? ChainTotal.of(m) : null, FeeSummary.of(m));
    }

    /** The estimate's largest error in constraints; null when the prediction is exact (or has no bound). */
    public static Long errorBound(io.zkml.workbench.circuit.CostEstimate c) {
        return c.exact() || c.errorBound().isEmpty() ? null : c.errorBound().getAsLong();
    }
}
