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

    /** One row of the table; {@code layer} is a model layer or "fixed", "input", "output". */
    public record LayerCost(String layer, long constraints, long variables, long nonZeroA, long nonZeroB, long nonZeroC) {
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

    public static CostReport of(CompiledModel m, AleoLimits limits, Path paramsDir, CircuitInfo measured) {
        List<LayerCost> layers = new ArrayList<>();
        Map<String, CircuitInfo> per = m.cost().perLayer();
        List<String> order = new ArrayList<>(List.of("fixed", "input"));
        m.program().byLayer().keySet().forEach(order::add);
        order.add("output");
        per.keySet().stream().filter(k -> !order.contains(k)).forEach(order::add);
        for (String k : order) {
            CircuitInfo c = per.get(k);
            if (c != null && !layers.stream().anyMatch(l -> l.layer().equals(k))) {
                layers.add(new LayerCost(k, c.constraints(), c.variables(), c.nonZeroA(), c.nonZeroB(), c.nonZeroC()));
            }
        }
        List<LimitRow> checks = rows(m);
        int srs = m.cost().srsDegreeLog2();
        boolean suffice = srs <= limits.offlineSrsLog2() && paramsDir != null
                && Files.isRegularFile(paramsDir.resolve("powers-of-beta-" + Math.max(srs, 16) + ".usrs"));
        return new CostReport(m.programId(), m.modelFile().getFileName().toString(), layers, m.cost().total(), srs,
                m.cost().exact(), m.cost().notExact(), limits.offlineSrsLog2(), suffice,
                paramsDir == null ? null : paramsDir.toString(), ProvingEstimate.of(srs), limits.consensus().name(),
                checks, m.hardViolations().isEmpty(), measured);
    }
}
