package io.zkml.workbench.circuit;

import io.zkml.workbench.codegen.Instruction;
import io.zkml.workbench.codegen.IrAssertion;
import io.zkml.workbench.codegen.IrOutput;
import io.zkml.workbench.codegen.IrProgram;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns probe measurements into a {@link CostTable} by differencing: each probe's cost minus its
 * baseline and the already-known costs it contains, divided by its repetition count.
 */
public final class Calibrator {

    /** Not measured separately; see docs/ENCODING.md for why each is safe. */
    public static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("shr:i32:const", "shr:u64:const"), // a constant shift only rewires bits
            Map.entry("shr:i16:const", "shr:u64:const"),
            Map.entry("shr:i8:const", "shr:u64:const"),
            Map.entry("shr:i64:const", "shr:u64:const"),
            Map.entry("shr:u32:const", "shr:u64:const"),
            Map.entry("shr:u16:const", "shr:u64:const"),
            Map.entry("shr:u8:const", "shr:u64:const"),
            Map.entry("cast:u32>field", "cast:u64>field"), // the bits' weighted sum: a linear combination
            Map.entry("cast:u16>field", "cast:u64>field"),
            Map.entry("cast:u8>field", "cast:u64>field"),
            Map.entry("xor:i8:const", "xor:i16:const"),   // flipping constant bits is linear: 0 in any width
            Map.entry("xor:i32:const", "xor:i16:const"),
            Map.entry("xor:i64:const", "xor:i16:const"),
            Map.entry("cast:i8>field", "cast:i16>field"),  // the bits' weighted sum: a linear combination
            // Every measured scalar integer output (u8, i16, i32) costs the same once its variable
            // terms are counted apart: one packed field element. i8 checked by the i8 input probes.
            Map.entry("output:i8", "output:i32"),
            Map.entry("output:u16", "output:i32"),
            Map.entry("add:field:const", "add:field:var"), // field additions are linear combinations: 0 either way
            Map.entry("sub:field:const", "add:field:var"),
            Map.entry("gte:u64:const", "lt:u64:const"),
            Map.entry("gte:i32:const", "lt:i32:const"),
            Map.entry("gte:i16:const", "lt:i16:const"),
            Map.entry("input:[i32; 4u32]", "reference"));

    public CostTable calibrate(String source, List<CalibrationProbe> probes, Map<String, CircuitInfo> measured) {
        Map<String, CircuitInfo> costs = new LinkedHashMap<>();
        costs.put("reference", CircuitInfo.ZERO);
        costs.put("array:[i16; 3u32]", CircuitInfo.ZERO);
        costs.put("array:[i32; 3u32]", CircuitInfo.ZERO);
        CircuitInfo fixed = null;
        Map<String, CalibrationProbe> pending = new HashMap<>();
        Map<String, CalibrationProbe> byName = new HashMap<>();
        probes.forEach(p -> byName.put(p.name(), p));
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
                boolean residual = isTablePriced(p.ioKey() != null ? p.ioKey() : p.target());
                if (residual) {
                    // What the gadget rules price is taken out exactly, so the entry is what they leave.
                    d = d.minus(gadgetCost(p.program()));
                }
                if (p.baseline() != null) {
                    if (!measured.containsKey(p.baseline())) {
                        continue;
                    }
                    d = d.minus(measured.get(p.baseline()));
                    if (residual) {
                        d = d.plus(gadgetCost(byName.get(p.baseline()).program()));
                    }
                }
                boolean resolved = true;
                for (Map.Entry<String, Integer> k : p.known().entrySet()) {
                    if (residual && !isTablePriced(k.getKey())) {
                        continue;
                    }
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

    /**
     * Keys the cost model takes from the table; every other instruction is priced by
     * {@link GadgetModel}, whose rules the raw averages of its probes are kept only to document.
     */
    static boolean isTablePriced(String key) {
        return key.equals("fixed") || key.startsWith("input") || key.startsWith("output:") || key.startsWith("hash.")
                || key.startsWith("cast.lossy:") || key.startsWith("mul:i128") || key.startsWith("mul:u")
                || key.startsWith("add:u");
    }

    /**
     * The part of a probe program's cost the gadget rules price, including each output's variable
     * terms, so output entries are stored as the cost of an output with no variable term.
     */
    static CircuitInfo gadgetCost(String program) {
        IrProgram ir = ProbeParser.parse(program);
        GadgetModel g = new GadgetModel();
        CircuitInfo sum = CircuitInfo.ZERO;
        for (Instruction ins : ir.body()) {
            CircuitInfo c = g.price(ins);
            if (c != null) {
                sum = sum.plus(c);
            }
        }
        for (IrAssertion a : ir.assertions()) {
            CircuitInfo c = g.assertion(a);
            sum = c == null ? sum : sum.plus(c);
        }
        for (IrOutput o : ir.outputs()) {
            sum = sum.plus(CostModel.outputTerms(o.value().type(), g.variableTerms(o.value())));
        }
        return sum;
    }

    private static void store(Map<String, CircuitInfo> costs, CalibrationProbe p, CircuitInfo d) {
        // Costs are additive per instruction, but an instruction with a constant operand costs
        // slightly different amounts for different constants (its bits simplify the adder and
        // comparator gadgets: 8 u64 ternaries with constants 7..14 add 19 B and C entries, one
        // per set bit). A probe uses several constants, so its quotient is an average and is
        // rounded; predictions with constants are close, not exact (see docs/ENCODING.md).
        CircuitInfo each = new CircuitInfo(avg(d.constraints(), p.count()), avg(d.variables(), p.count()),
                avg(d.nonZeroA(), p.count()), avg(d.nonZeroB(), p.count()), avg(d.nonZeroC(), p.count()));
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

    private static long avg(long total, int count) {
        return Math.round((double) total / count);
    }

    private static CircuitInfo lookup(Map<String, CircuitInfo> costs, String key) {
        CircuitInfo c = costs.get(key);
        return c != null ? c : ALIASES.containsKey(key) ? costs.get(ALIASES.get(key)) : null;
    }
}
