package io.zkml.workbench.export;

import io.zkml.workbench.WorkbenchException;
import io.zkml.workbench.circuit.AleoLimits;
import io.zkml.workbench.circuit.CircuitInfo;
import io.zkml.workbench.circuit.CostModel;
import io.zkml.workbench.codegen.AleoPrinter;
import io.zkml.workbench.codegen.ChainCuts;
import io.zkml.workbench.codegen.Handoff;
import io.zkml.workbench.codegen.Lowering;
import io.zkml.workbench.codegen.ProgramHeader;
import io.zkml.workbench.quant.QuantizedGraph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses where a model is cut into a program chain: the user's forced cuts always, and under a
 * maximum SRS degree per transition the cuts that fit it (and snarkVM's per-function limits) at the
 * least total constraints. Dynamic programming over the allowed cuts ({@link ChainCuts}); every
 * candidate segment is lowered and priced by the one cost model, so the choice is made on the same
 * numbers the compiled chain reports.
 */
final class Partitioner {

    /** At most 32 transitions per transaction, one of them the fee's. */
    static final int MAX_TRANSITIONS = 31;

    private final QuantizedGraph g;
    private final CostModel costs;
    private final AleoLimits limits;
    private final ProgramHeader header;
    private final Map<Integer, Handoff> handoffs = new HashMap<>();

    Partitioner(QuantizedGraph g, CostModel costs, AleoLimits limits, ProgramHeader header) {
        this.g = g;
        this.costs = costs;
        this.limits = limits;
        this.header = header;
    }

    /** The cuts (layer indices a segment starts at), ascending; empty for one program. */
    List<Integer> cuts(Partitioning p, String modelName) {
        List<Integer> forced = forced(p, modelName);
        if (p.maxSrsLog2() == null) {
            return forced;
        }
        int n = g.layers().size();
        List<Integer> starts = new ArrayList<>(List.of(0));
        starts.addAll(ChainCuts.all(g));
        List<Integer> ends = new ArrayList<>(ChainCuts.all(g));
        ends.add(n);
        Map<Integer, Long> best = new HashMap<>();
        Map<Integer, Integer> from = new HashMap<>();
        best.put(0, 0L);
        String worst = null;
        int worstDegree = 0;
        for (int a : starts) {
            if (!best.containsKey(a)) {
                continue;
            }
            for (int b : ends) {
                if (b <= a || forced.stream().anyMatch(c -> c > a && c < b)) {
                    continue;
                }
                CircuitInfo c = price(a, b);
                int degree = c == null ? Integer.MAX_VALUE : c.srsDegreeLog2();
                if (c == null || degree > p.maxSrsLog2()) {
                    if (b == nextEnd(ends, a) && (worst == null || degree < Integer.MAX_VALUE && degree > worstDegree)) {
                        worst = describe(a, b, c);
                        worstDegree = degree;
                    }
                    continue;
                }
                long total = best.get(a) + c.constraints();
                if (!best.containsKey(b) || total < best.get(b)) {
                    best.put(b, total);
                    from.put(b, a);
                }
            }
        }
        if (!best.containsKey(n)) {
            throw new WorkbenchException("model " + modelName + " cannot be split into transitions of at most SRS 2^"
                    + p.maxSrsLog2() + ": " + (worst == null ? "no cut fits" : worst + " does not fit even as a "
                    + "segment of its own") + "; raise --max-srs, or make that layer smaller");
        }
        List<Integer> cuts = new ArrayList<>();
        for (int b = from.get(n); b > 0; b = from.get(b)) {
            cuts.add(b);
        }
        Collections.reverse(cuts);
        if (cuts.size() + 1 > MAX_TRANSITIONS) {
            throw new WorkbenchException("model " + modelName + " needs " + (cuts.size() + 1) + " transitions under SRS 2^"
                    + p.maxSrsLog2() + ", more than the " + MAX_TRANSITIONS + " one execution may have");
        }
        return cuts;
    }

    private static int nextEnd(List<Integer> ends, int a) {
        return ends.stream().filter(e -> e > a).findFirst().orElseThrow();
    }

    private String describe(int a, int b, CircuitInfo c) {
        String layers = g.layer(a).name() + (b - 1 > a ? " to " + g.layer(b - 1).name() : "");
        return "layers " + layers + (c == null ? " (over a per-function limit)"
                : " (" + c.constraints() + " constraints, SRS 2^" + c.srsDegreeLog2() + ")");
    }

    /** The cuts after the user's named layers. */
    List<Integer> forced(Partitioning p, String modelName) {
        List<Integer> out = new ArrayList<>();
        for (String name : p.splitAfter()) {
            int i = g.indexOf(name);
            if (i < 0) {
                throw new WorkbenchException("model " + modelName + " has no layer '" + name + "' to split after");
            }
            if (!ChainCuts.allowed(g, i + 1)) {
                throw new WorkbenchException("model " + modelName + " cannot be split after layer '" + name
                        + "': a later layer reads an earlier one, or it is the output layer; allowed: "
                        + ChainCuts.all(g).stream().map(b -> g.layer(b - 1).name()).toList());
            }
            if (!out.contains(i + 1)) {
                out.add(i + 1);
            }
        }
        Collections.sort(out);
        return out;
    }

    /** The circuit of the segment [a, b), or null when it breaks a per-function limit. */
    private CircuitInfo price(int a, int b) {
        boolean last = b == g.layers().size();
        Lowering.LoweredSegment s = new Lowering().lowerSegment(g, header, "segment", a, b, handoffs.get(a),
                last ? null : "next");
        if (s.passes() != null) {
            handoffs.putIfAbsent(b, s.passes());
        }
        var cost = costs.estimate(s.program());
        String text = new AleoPrinter().print(s.program()).text();
        boolean hard = limits.check(s.program(), text, cost.total()).stream()
                .anyMatch(v -> !OfflineSrs.isOfflineSrs(v.limit()));
        return hard ? null : cost.total();
    }
}
