package io.zkml.workbench.codegen;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a function whose body breaks the per-function instruction cap is printed as closures
 * (issue #13): the body is cut into consecutive parts, each a closure of its own program, and the
 * function calls them in order. A closure has its own 65,535-instruction budget and its call adds
 * nothing to the function's circuit (measured: ../shared/notes/aleo-calls.md), so the IR's body, its
 * cost and its simulation stay exactly as they are; only the printed text changes. Both printers
 * print the same layout, so the Aleo and the Leo text stay one program.
 *
 * <p>Values cross parts in <em>containers</em>: a function input or an array a part computes passes
 * whole; scalars a later part reads are packed, by type, into arrays of at most
 * {@value Lowering#MAX_ARRAY_ELEMENTS} elements that the part returns, and later parts read them by
 * index. Scalars the function itself reads (its outputs, assertions, the chain call's arguments) are
 * returned as scalars of their own, so the function never reads into a packed array.
 *
 * @param parts      the closures in call order
 * @param locations  where each function input, and each value defined in one part and read outside it,
 *                   lives, by register index
 * @param laidOut    the program whose body this lays out (not part of the layout's value: not compared,
 *                   hashed or printed); see {@link #laysOut}
 */
public record ClosureLayout(List<Part> parts, Map<Integer, Location> locations, IrProgram laidOut) {

    /** snarkVM's MAX_CLOSURES (per program). */
    public static final int MAX_CLOSURES = 62;
    /** snarkVM's MAX_INPUTS and MAX_OUTPUTS, which closures share with functions. */
    public static final int MAX_PUTS = 16;

    public ClosureLayout {
        parts = List.copyOf(parts);
        locations = Map.copyOf(locations);
    }

    /**
     * Whether this lays out a program of these very inputs, body, call and outputs (the same objects, all
     * immutable): that program passed IrProgram's register checks when it was made, so the same program with
     * closures need not walk its body again (a chain search lays out every candidate of up to 85,000
     * instructions, and each walk of them is mostly cache misses).
     */
    boolean laysOut(List<IrInput> inputs, List<Instruction> body, IrCall call, List<IrOutput> outputs) {
        return laidOut != null && laidOut.inputs() == inputs && laidOut.body() == body && laidOut.call() == call
                && laidOut.outputs() == outputs;
    }

    /** The layout's value: its parts and locations (not the program it was made for). */
    @Override
    public boolean equals(Object o) {
        return o instanceof ClosureLayout l && parts.equals(l.parts) && locations.equals(l.locations);
    }

    @Override
    public int hashCode() {
        return 31 * parts.hashCode() + locations.hashCode();
    }

    @Override
    public String toString() {
        return "ClosureLayout[parts=" + parts + ", locations=" + locations + "]";
    }

    /**
     * A value the function holds in one register: a function input, a value a part returns whole, or
     * an array a part packs scalars into.
     *
     * @param whole  the IR register passed as it is, or null for a packed array
     * @param packed the IR scalars packed in this array, in element order (empty for a whole value)
     */
    public record Container(String name, IrType type, Operand.Reg whole, List<Operand.Reg> packed) {
        public Container {
            packed = List.copyOf(packed);
        }
    }

    /** Where a value lives outside the part that computes it: a whole container, or element {@code slot} of one. */
    public record Location(Container container, int slot) {
        public boolean isWhole() {
            return slot < 0;
        }
    }

    /**
     * One closure: the body's instructions {@code [from, to)}, the containers it reads (its inputs, in
     * order) and those it returns (its outputs, in order).
     */
    public record Part(String name, int from, int to, List<Container> inputs, List<Container> outputs) {
        public Part {
            inputs = List.copyOf(inputs);
            outputs = List.copyOf(outputs);
        }

        /** Instructions of the closure: its share of the body and one cast per packed output. */
        public int instructions() {
            return to - from + (int) outputs.stream().filter(c -> c.whole() == null).count();
        }
    }

    /** Instructions of the function itself: a call per closure, the chain's call, its assertions. */
    public static int functionInstructions(IrProgram p) {
        return p.closures().parts().size() + (p.call() == null ? 0 : 1) + p.assertions().size();
    }

    /**
     * Cuts {@code p}'s body into the fewest closures of at most {@code maxInstructions} instructions each.
     *
     * @throws IllegalArgumentException when the parts would need more closures, inputs or outputs
     *                                  than snarkVM allows (the message says which)
     */
    public static ClosureLayout split(IrProgram p, int maxInstructions) {
        int n = p.body().size();
        // Room for the packing casts: a closure returns at most MAX_PUTS containers.
        int per = maxInstructions - MAX_PUTS;
        if (per < 1) {
            throw new IllegalArgumentException("an instruction cap of " + maxInstructions + " leaves no room for closures");
        }
        int count = Math.max(1, (n + per - 1) / per);
        if (count > MAX_CLOSURES) {
            throw new IllegalArgumentException(n + " instructions need " + count + " closures of at most "
                    + maxInstructions + " instructions, more than the " + MAX_CLOSURES + " a program may have");
        }
        int size = (n + count - 1) / count;
        // Registers are numbered densely (IrProgram checks it), so per-register facts live in arrays and
        // sets of registers in bit sets, which iterate in ascending order as the sorted sets did before
        // (boxed tree sets were a tenth of a fashion-cnn chain search).
        int[] owner = new int[p.inputs().size() + n + (p.call() == null ? 0 : p.call().results().size())];
        java.util.Arrays.fill(owner, -1);
        Operand.Reg[] regs = new Operand.Reg[owner.length];
        for (IrInput in : p.inputs()) {
            regs[in.reg().index()] = in.reg();
        }
        List<BitSet> liveIn = new ArrayList<>();
        List<BitSet> liveOut = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            liveIn.add(new BitSet());
            liveOut.add(new BitSet());
        }
        // One pass over the body (each pass over a large candidate's instructions is mostly cache misses):
        // an instruction reads only registers written before it (IrProgram checks it), whose owners are
        // set by then.
        List<Instruction> body = p.body();
        for (int i = 0; i < n; i++) {
            Instruction ins = body.get(i);
            Operand.Reg dst = ins.dst();
            int k = Math.min(i / size, count - 1);
            owner[dst.index()] = k;
            regs[dst.index()] = dst;
            // The common instructions' operands read directly: reads() makes a list per instruction.
            if (ins instanceof Instruction.Binary b) {
                crosses(b.a(), k, owner, liveIn, liveOut);
                crosses(b.b(), k, owner, liveIn, liveOut);
            } else if (ins instanceof Instruction.Cast c) {
                crosses(c.src(), k, owner, liveIn, liveOut);
            } else {
                for (Operand o : ins.reads()) {
                    crosses(o, k, owner, liveIn, liveOut);
                }
            }
        }
        BitSet functionReads = new BitSet();
        List<Operand> read = new ArrayList<>();
        if (p.call() != null) {
            read.addAll(p.call().args());
        }
        p.assertions().forEach(a -> {
            read.add(a.a());
            read.add(a.b());
        });
        p.outputs().forEach(o -> read.add(o.value()));
        for (Operand o : read) {
            Operand.Reg r = base(o);
            if (r != null && r.index() < n + p.inputs().size() && owner[r.index()] >= 0) {
                functionReads.set(r.index());
                liveOut.get(owner[r.index()]).set(r.index());
            }
        }
        Map<Integer, Location> locations = new HashMap<>();
        Map<Integer, Container> inputContainers = new LinkedHashMap<>();
        for (IrInput in : p.inputs()) {
            Container c = new Container(in.reg().name(), in.reg().type(), in.reg(), List.of());
            inputContainers.put(in.reg().index(), c);
            locations.put(in.reg().index(), new Location(c, -1));
        }
        List<List<Container>> outputs = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            String name = partName(p, k);
            List<Container> outs = new ArrayList<>();
            Map<ScalarType, List<Operand.Reg>> packs = new LinkedHashMap<>();
            BitSet out = liveOut.get(k);
            for (int r = out.nextSetBit(0); r >= 0; r = out.nextSetBit(r + 1)) {
                Operand.Reg reg = regs[r];
                if (reg.type() instanceof ArrayType || functionReads.get(r)) {
                    Container c = new Container(reg.name(), reg.type(), reg, List.of());
                    outs.add(c);
                    locations.put(r, new Location(c, -1));
                } else {
                    packs.computeIfAbsent((ScalarType) reg.type(), t -> new ArrayList<>()).add(reg);
                }
            }
            for (Map.Entry<ScalarType, List<Operand.Reg>> e : packs.entrySet()) {
                List<Operand.Reg> all = e.getValue();
                for (int from = 0, j = 0; from < all.size(); from += Lowering.MAX_ARRAY_ELEMENTS, j++) {
                    List<Operand.Reg> slice = all.subList(from, Math.min(all.size(), from + Lowering.MAX_ARRAY_ELEMENTS));
                    Container c = new Container(name + "_" + e.getKey().aleo() + "_" + j,
                            new ArrayType(e.getKey(), slice.size()), null, slice);
                    outs.add(c);
                    for (int s = 0; s < slice.size(); s++) {
                        locations.put(slice.get(s).index(), new Location(c, s));
                    }
                }
            }
            if (outs.size() > MAX_PUTS) {
                throw new IllegalArgumentException("closure " + name + " would return " + outs.size()
                        + " values, more than the " + MAX_PUTS + " a closure may have");
            }
            outputs.add(outs);
        }
        List<Part> parts = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            // Distinct containers in first-read order. By identity: no two containers are equal (each has
            // its own register or name), and a record's hash walks every packed register.
            List<Container> ins = new ArrayList<>();
            Set<Container> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            BitSet in = liveIn.get(k);
            for (int r = in.nextSetBit(0); r >= 0; r = in.nextSetBit(r + 1)) {
                Container c = owner[r] < 0 ? inputContainers.get(r) : locations.get(r).container();
                if (seen.add(c)) {
                    ins.add(c);
                }
            }
            if (ins.size() > MAX_PUTS) {
                throw new IllegalArgumentException("closure " + partName(p, k) + " would read " + ins.size()
                        + " values, more than the " + MAX_PUTS + " a closure may have");
            }
            parts.add(new Part(partName(p, k), k * size, Math.min(n, (k + 1) * size), ins, outputs.get(k)));
        }
        return new ClosureLayout(parts, locations, p);
    }

    /** Notes {@code o}'s register as read by part {@code k}: live into it, and out of its owner, when that is another. */
    private static void crosses(Operand o, int k, int[] owner, List<BitSet> liveIn, List<BitSet> liveOut) {
        Operand.Reg r = base(o);
        if (r != null && owner[r.index()] != k) {
            liveIn.get(k).set(r.index());
            if (owner[r.index()] >= 0) {
                liveOut.get(owner[r.index()]).set(r.index());
            }
        }
    }

    private static String partName(IrProgram p, int k) {
        return p.function() + "_part" + k;
    }

    /** The register an operand reads (an element's array), or null for a constant. */
    static Operand.Reg base(Operand o) {
        return o instanceof Operand.Reg r ? r : o instanceof Operand.Element e ? e.array() : null;
    }
}
