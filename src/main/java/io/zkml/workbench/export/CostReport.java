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
 */
public record CostReport(String programId, String model, List<LayerCost> layers, CircuitInfo total, int srsDegreeLog2,
                         boolean predictionExact, List<String> unmeasuredCostKeys, int offlineSrsLog2,
                         boolean offlineParametersSuffice, String paramsDir, ProvingEstimate estimate,
                         String consensus, List<LimitRow> limits, boolean withinLimits, CircuitInfo measured) {

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

    /** Every limit checked for {@code m}, as the report lists them. */
    public static List<LimitRow> rows(CompiledModel m) {
        return m.limits().stream().map(c -> new LimitRow(c.limit(), c.allowed(), c.actual(), c.what(), c.passed(),
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
        int srs = m.cost().srsDegreeLog2();
        boolean suffice = srs <= limits.offlineSrsLog2() && paramsDir != null
                && Files.isRegularFile(paramsDir.resolve("powers-of-beta-" + Math.max(srs, 16) + ".usrs"));
        return new CostReport(m.programId(), m.modelFile().getFileName().toString(), layers, m.cost().total(), srs,
                m.cost().exact(), m.cost().notExact(), limits.offlineSrsLog2(), suffice,
                paramsDir == null ? null : paramsDir.toString(), m.provingEstimate(), limits.consensus().name(),
                checks, m.hardViolations().isEmpty(), measured);
    }
}
