package io.zkml.workbench.circuit;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns probe measurements into a {@link CostTable} by differencing: each probe's cost minus its
 * baseline and the already-known costs it contains, divided by its repetition count. A result
 * that does not divide exactly means the costs are not additive, which would make every
 * prediction wrong, so it is an error rather than a rounded number.
 */
public final class Calibrator {

    /** Not measured separately; see docs/ENCODING.md for why each is safe. */
    public static final Map<String, String> ALIASES = Map.of(
            "output:i16", "output:i32",          // both are one field element in the output commitment
            "add:field:const", "add:field:var",  // field additions are linear combinations: 0 either way
            "sub:field:const", "add:field:var",
            "gte:u64:const", "lt:u64:const",
            "gte:i32:const", "lt:i32:const",
            "gte:i16:const", "lt:i16:const",
            "input:[i32; 4u32]", "reference");

    public CostTable calibrate(String source, List<CalibrationProbe> probes, Map<String, CircuitInfo> measured) {
        Map<String, CircuitInfo> costs = new LinkedHashMap<>();
        costs.put("reference", CircuitInfo.ZERO);
        costs.put("array:[i16; 3u32]", CircuitInfo.ZERO);
        costs.put("array:[i32; 3u32]", CircuitInfo.ZERO);
        CircuitInfo fixed = null;
        Map<String, CalibrationProbe> pending = new HashMap<>();
        for (CalibrationProbe p : probes) {
            if (measured.containsKey(p.name()) && (p.target() != null || p.ioKey() != null)) {
                pending.put(p.name(), p);
            }
        }
        boolean progress = true;
        while (progress && !pending.isEmpty()) {
            progress = false;
            for (CalibrationProbe p : List.copyOf(pending.values())) {
                CircuitInfo d = measured.get(p.name());
                if (p.baseline() != null) {
                    if (!measured.containsKey(p.baseline())) {
                        continue;
                    }
                    d = d.minus(measured.get(p.baseline()));
                }
                boolean resolved = true;
                for (Map.Entry<String, Integer> k : p.known().entrySet()) {
                    CircuitInfo c = lookup(costs, k.getKey());
                    if (c == null) {
                        resolved = false;
                        break;
                    }
                    d = d.minus(c.times(k.getValue()));
                }
                if (!resolved) {
                    continue;
                }
                if ("fixed".equals(p.ioKey())) {
                    fixed = d;
                } else if (p.ioKey() != null) {
                    costs.put(p.ioKey(), d);
                } else {
                    store(costs, p, d);
                }
                pending.remove(p.name());
                progress = true;
            }
        }
        if (fixed == null) {
            throw new IllegalStateException("the fixed-cost probe " + CalibrationProbes.BASE_I32 + " was not measured");
        }
        if (!pending.isEmpty()) {
            throw new IllegalStateException("cannot resolve probes " + pending.keySet() + " (a baseline or known cost is missing)");
        }
        return new CostTable(source, fixed, costs, ALIASES);
    }

    private static void store(Map<String, CircuitInfo> costs, CalibrationProbe p, CircuitInfo d) {
        if (!d.divisibleBy(p.count())) {
            throw new IllegalStateException("probe " + p.name() + ": difference " + d + " is not " + p.count()
                    + " equal instruction costs");
        }
        CircuitInfo each = d.dividedBy(p.count());
        if (p.target().contains("+")) {
            // A combined probe can only be split when it cost nothing at all.
            if (!each.equals(CircuitInfo.ZERO)) {
                throw new IllegalStateException("probe " + p.name() + " combines instructions that are not free: " + each);
            }
            for (String k : p.target().split("\\+")) {
                costs.put(k, CircuitInfo.ZERO);
            }
        } else {
            costs.put(p.target(), each);
        }
    }

    private static CircuitInfo lookup(Map<String, CircuitInfo> costs, String key) {
        CircuitInfo c = costs.get(key);
        return c != null ? c : ALIASES.containsKey(key) ? costs.get(ALIASES.get(key)) : null;
    }
}
