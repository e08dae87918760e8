package io.zkml.workbench.circuit;

import io.zkml.workbench.codegen.Instruction;
import io.zkml.workbench.codegen.IrAssertion;
import io.zkml.workbench.codegen.IrInput;
import io.zkml.workbench.codegen.IrOutput;
import io.zkml.workbench.codegen.IrProgram;
import io.zkml.workbench.codegen.IrType;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Predicts a program's circuit. Composition rule (checked against snarkVM in CostModelTest and the
 * snarkVM tests): fixed function overhead + each input's cost + the sum of the instruction costs +
 * each output's cost. It holds because snarkVM synthesizes every instruction on its own; what an
 * instruction costs depends only on the shapes of its operands (which variables and constants their
 * linear combinations hold), which {@link GadgetModel} tracks through the program. Instructions it
 * has a gadget rule for are priced by the rule, the rest (hashes, unsigned and 128-bit multiplies) from the
 * measured table; inputs and their hashes follow {@link PlaintextPacking}.
 */
public final class CostModel {

    /**
     * An output costs (0, 0, 1, 2, 0) per variable its value's bits hold (the {@code i32.shr.const}
     * probe: one term fewer, A -1 and B -2); output entries are the cost at no variable term.
     */
    static final CircuitInfo PER_OUTPUT_TERM = new CircuitInfo(0, 0, 1, 2, 0);

    /**
     * A field output is decomposed into bits once, so its terms appear in A only (measured: the same
     * 993-constraint output of a hash.psd2 result, 3 terms, and of a hash.psd8 result, 9 terms, differ by
     * exactly 6 in A and nothing else).
     */
    static final CircuitInfo PER_FIELD_OUTPUT_TERM = new CircuitInfo(0, 0, 1, 0, 0);

    /** What an output's variable terms add, by its type. */
    static CircuitInfo outputTerms(IrType t, long terms) {
        return (t == io.zkml.workbench.codegen.ScalarType.FIELD ? PER_FIELD_OUTPUT_TERM : PER_OUTPUT_TERM).times(terms);
    }

    private final CostTable table;

    public CostModel(CostTable table) {
        this.table = table;
    }

    public static CostModel bundled() {
        return new CostModel(CostTable.bundled());
    }

    /** The program as AleoPrinter prints it, with its constructor. */
    public CostEstimate estimate(IrProgram p) {
        return estimate(p, true);
    }

    /**
     * {@code constructor}: whether the program text has one. It does not run in the function, yet
     * its presence adds (0, 0, 1, 2, 0) to the function's circuit (measured), so the overhead includes it.
     */
    CostEstimate estimate(IrProgram p, boolean constructor) {
        return estimate(p, constructor, List.of(), List.of()).estimate();
    }

    /**
     * The same estimate as {@link #estimate(IrProgram)}, its body walked from the longest of {@code from} that
     * {@code p}'s body starts with (the instructions it was taken after; otherwise from the start), and the
     * walk's state saved after the first {@code saveAt} instructions. A chain search prices candidates that
     * share a start this way: a longer candidate's body begins with a shorter one's layers (lowered alike), so
     * each instruction of a start's candidates is priced about once, not once per end. Exact: an instruction's
     * cost depends only on the instructions before it ({@link GadgetModel} walks the body in order), and the
     * prefix is compared instruction by instruction before it is reused.
     *
     * @param from   checkpoints from earlier estimates by this model (any; those that do not apply are skipped)
     * @param saveAt body lengths ({@code 0..body size}, ascending) to save checkpoints after
     */
    public Resumed estimate(IrProgram p, List<Checkpoint> from, List<Integer> saveAt) {
        return estimate(p, true, from, saveAt);
    }

    private Resumed estimate(IrProgram p, boolean constructor, List<Checkpoint> checkpoints, List<Integer> saveAt) {
        for (int i = 0; i < saveAt.size(); i++) {
            if (saveAt.get(i) < 0 || saveAt.get(i) > p.body().size() || i > 0 && saveAt.get(i) <= saveAt.get(i - 1)) {
                throw new IllegalArgumentException("checkpoints after " + saveAt + " instructions of a body of "
                        + p.body().size());
            }
        }
        // The longest that applies, tried longest first: a prefix that does not apply usually differs in its
        // last instructions, compared first, so a refused one costs little and an applying shorter one is not compared.
        Checkpoint from = checkpoints.stream().sorted(java.util.Comparator.comparingInt(Checkpoint::length).reversed())
                .filter(c -> c.appliesTo(this, p)).findFirst().orElse(null);
        boolean resume = from != null;
        Map<String, CircuitInfo> layers = resume ? new LinkedHashMap<>(from.layers) : new LinkedHashMap<>();
        TreeSet<String> unmeasured = resume ? new TreeSet<>(from.unmeasured) : new TreeSet<>();
        TreeSet<String> estimated = resume ? new TreeSet<>(from.estimated) : new TreeSet<>();
        CircuitInfo overhead = table.fixed();
        if (constructor) {
            overhead = overhead.plus(priced("constructor", table.cost("constructor"), unmeasured));
        }
        CircuitInfo inputs = CircuitInfo.ZERO;
        boolean first = true;
        for (IrInput in : p.inputs()) {
            // The first input is measured against the reference [i32; 4u32]; each further one adds
            // its own input hash, measured as a second input next to a [i16; 4u32].
            String prefix = first ? "input:" : "input2:";
            Optional<CircuitInfo> c = PlaintextPacking.input(table, prefix, in.reg().type());
            inputs = inputs.plus(priced(prefix + in.reg().type().aleo(), c, unmeasured));
            notMeasured(prefix + in.reg().type().aleo(), c, estimated);
            first = false;
        }
        GadgetModel gadgets = resume ? from.gadgets.copy() : new GadgetModel();
        CircuitInfo commitment = resume ? from.commitment : CircuitInfo.ZERO;
        List<Instruction> body = p.body();
        // The states resumed through, taken over onto this body (equal to their prefixes, just compared): a kept
        // walk then holds this body's instructions only, not those of every program it was priced from.
        List<Checkpoint> walk = new java.util.ArrayList<>();
        if (resume) {
            for (Checkpoint c : from.lineage()) {
                walk.add(c.on(body, List.copyOf(walk)));
            }
        }
        int nextSave = 0;
        // A layer's instructions come in runs: each run's costs are summed here and merged into `layers` when it
        // ends (or a state is saved), not per instruction (a map look-up and a sum made per instruction, on the
        // million or so a fashion-cnn recompile prices). The same sums, in the same order of layers.
        LayerRun run = new LayerRun();
        for (int i = resume ? from.length() : 0; i <= body.size(); i++) {
            while (nextSave < saveAt.size() && saveAt.get(nextSave) < i) {
                nextSave++; // inside the prefix taken from a checkpoint: that state is not at hand, nothing saved
            }
            if (nextSave < saveAt.size() && saveAt.get(nextSave) == i) {
                nextSave++;
                if (!(resume && i == from.length())) { // the state resumed from is in the walk already
                    run.mergeInto(layers);
                    walk.add(new Checkpoint(this, body.subList(0, i), p.commitmentLayer(), gadgets.copy(),
                            new LinkedHashMap<>(layers), commitment, new TreeSet<>(unmeasured), new TreeSet<>(estimated),
                            List.copyOf(walk)));
                }
            }
            if (i == body.size()) {
                break;
            }
            Instruction ins = body.get(i);
            boolean commits = ins.layer().equals(p.commitmentLayer());
            if (!commits && gadgets.walk(ins)) {
                run.add(ins.layer(), gadgets, layers); // summed without a record per instruction
                continue;
            }
            CircuitInfo c = commits ? gadgets.price(ins) : null;
            if (c == null) {
                if (ins instanceof Instruction.Hash h) {
                    Optional<CircuitInfo> hc = PlaintextPacking.hash(table, h.algorithm(), h.src().type());
                    notMeasured("hash." + h.algorithm() + ":" + h.src().type().aleo(), hc, estimated);
                    c = priced(CostKeys.of(ins), hc, unmeasured);
                } else {
                    c = priced(CostKeys.of(ins), table.cost(CostKeys.of(ins)), unmeasured);
                }
            }
            if (commits) {
                commitment = commitment.plus(c);
            } else {
                run.add(ins.layer(), c, layers);
            }
        }
        run.mergeInto(layers);
        for (IrAssertion as : p.assertions()) {
            CircuitInfo c = priced("assert.eq:" + as.a().type().aleo(), Optional.ofNullable(gadgets.assertion(as)),
                    unmeasured);
            if (as.layer().equals(p.commitmentLayer())) {
                commitment = commitment.plus(c);
            } else {
                layers.merge(as.layer(), c, CircuitInfo::plus);
            }
        }
        CircuitInfo outputs = CircuitInfo.ZERO;
        for (IrOutput out : p.outputs()) {
            String key = CostKeys.output(out.value().type());
            Optional<CircuitInfo> c = PlaintextPacking.output(table, out.value().type())
                    .map(base -> base.plus(outputTerms(out.value().type(), gadgets.variableTerms(out.value()))));
            outputs = outputs.plus(priced(key, c, unmeasured));
            notMeasured(key, c, estimated);
        }
        CircuitInfo call = CircuitInfo.ZERO;
        if (p.call() != null) {
            Optional<CircuitInfo> c = CallCost.caller(table, p.call(), gadgets::variableTerms);
            call = priced(CallCost.key(p.call()), c, unmeasured);
            if (!CallCost.measured(p.call())) {
                notMeasured(CallCost.key(p.call()), c, estimated);
            }
        }
        CircuitInfo total = overhead.plus(inputs).plus(commitment).plus(outputs).plus(call);
        for (CircuitInfo c : layers.values()) {
            total = total.plus(c);
        }
        return new Resumed(new CostEstimate(total, overhead, inputs, commitment, outputs, layers,
                List.copyOf(unmeasured), List.copyOf(estimated), call), resume ? from.length() : 0, List.copyOf(walk), from);
    }

    /** The summed costs of a run of one layer's instructions, not yet merged into the layers' costs. */
    private static final class LayerRun {
        private String layer;
        /** Constraints, variables and the non-zeros of A, B and C so far. */
        private final long[] sums = new long[5];

        /** Adds an instruction's cost; one of another layer first merges the run so far into {@code layers}. */
        void add(String of, CircuitInfo c, Map<String, CircuitInfo> layers) {
            enter(of, layers);
            sums[0] += c.constraints();
            sums[1] += c.variables();
            sums[2] += c.nonZeroA();
            sums[3] += c.nonZeroB();
            sums[4] += c.nonZeroC();
        }

        /** Adds the cost of the instruction {@code gadgets} just walked, likewise. */
        void add(String of, GadgetModel gadgets, Map<String, CircuitInfo> layers) {
            enter(of, layers);
            gadgets.addLastTo(sums);
        }

        private void enter(String of, Map<String, CircuitInfo> layers) {
            if (!of.equals(layer)) {
                mergeInto(layers);
                layer = of;
            }
        }

        /** Merges the run into {@code layers} (as adding its instructions one by one would have) and ends it. */
        void mergeInto(Map<String, CircuitInfo> layers) {
            if (layer != null) {
                layers.merge(layer, new CircuitInfo(sums[0], sums[1], sums[2], sums[3], sums[4]), CircuitInfo::plus);
            }
            layer = null;
            Arrays.fill(sums, 0);
        }
    }

    /**
     * An estimate and the checkpoints of its walk, for the next estimate to continue from.
     *
     * @param reused the body instructions taken from the checkpoint, not priced again (0: walked from the start)
     * @param walk   every checkpoint of this walk, shortest first: those of the walk it continued, up to the one it
     *               resumed from, then its state after each requested number of instructions walked here (all of
     *               them prefixes of this body, sharing its registers' shapes)
     * @param from   the checkpoint it resumed from (one of those given), or null
     */
    public record Resumed(CostEstimate estimate, int reused, List<Checkpoint> walk, Checkpoint from) {
    }

    /**
     * The state of an estimate's walk after the first {@link #length()} instructions of a body (the gadget
     * shapes of every register, the per-layer sums so far): {@link CostModel#estimate(IrProgram, List, List)}
     * continues from it for a body that starts with the same instructions. Immutable once taken.
     */
    public static final class Checkpoint {
        private final CostModel model;
        private final List<Instruction> prefix;
        private final String commitmentLayer;
        private final GadgetModel gadgets;
        private final Map<String, CircuitInfo> layers;
        private final CircuitInfo commitment;
        private final TreeSet<String> unmeasured;
        private final TreeSet<String> estimated;
        /** The shorter checkpoints of the walk it was saved in, shortest first (each a prefix of this one's). */
        private final List<Checkpoint> earlier;

        private Checkpoint(CostModel model, List<Instruction> prefix, String commitmentLayer, GadgetModel gadgets,
                           Map<String, CircuitInfo> layers, CircuitInfo commitment, TreeSet<String> unmeasured,
                           TreeSet<String> estimated, List<Checkpoint> earlier) {
            this.model = model;
            this.prefix = prefix;
            this.commitmentLayer = commitmentLayer;
            this.gadgets = gadgets;
            this.layers = layers;
            this.commitment = commitment;
            this.unmeasured = unmeasured;
            this.estimated = estimated;
            this.earlier = earlier;
        }

        /** The same state as a checkpoint of {@code body}, which starts with its instructions. */
        private Checkpoint on(List<Instruction> body, List<Checkpoint> earlier) {
            return new Checkpoint(model, body.subList(0, prefix.size()), commitmentLayer, gadgets, layers, commitment,
                    unmeasured, estimated, earlier);
        }

        /** The checkpoints of its walk up to and including it, shortest first. */
        private List<Checkpoint> lineage() {
            List<Checkpoint> out = new java.util.ArrayList<>(earlier);
            out.add(this);
            return out;
        }

        /** The body instructions it was taken after. */
        public int length() {
            return prefix.size();
        }

        /**
         * Whether {@code p} is priced by {@code model} and its body starts with this checkpoint's instructions
         * (compared by value: a candidate lowered again makes equal instructions, not the same objects).
         */
        private boolean appliesTo(CostModel model, IrProgram p) {
            if (model != this.model || p.body().size() < prefix.size()
                    || !java.util.Objects.equals(commitmentLayer, p.commitmentLayer())) {
                return false;
            }
            List<Instruction> body = p.body();
            for (int i = prefix.size() - 1; i >= 0; i--) { // from the end: a different prefix differs there first
                Instruction mine = prefix.get(i);
                Instruction theirs = body.get(i);
                if (mine != theirs && !mine.equals(theirs)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A priced shape the table has no measurement of was extrapolated: the prediction is an estimate there. */
    private void notMeasured(String key, Optional<CircuitInfo> c, TreeSet<String> estimated) {
        if (c.isPresent() && table.cost(key).isEmpty() && !PlaintextPacking.verified(key)) {
            estimated.add(key);
        }
    }

    /** The measured cost, or zero with {@code key} noted as unmeasured. */
    private static CircuitInfo priced(String key, Optional<CircuitInfo> c, TreeSet<String> unmeasured) {
        if (c.isEmpty()) {
            unmeasured.add(key);
        }
        return c.orElse(CircuitInfo.ZERO);
    }
}
