package io.zkml.workbench.codegen;

import io.zkml.workbench.quant.BoundMode;
import io.zkml.workbench.quant.Domain;
import io.zkml.workbench.quant.Producer;
import io.zkml.workbench.quant.QuantizedGraph;
import io.zkml.workbench.quant.QuantizedLayer;
import io.zkml.workbench.quant.Rounding;
import io.zkml.workbench.quant.Step;
import io.zkml.workbench.quant.UnrepresentableRangeException;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * Lowers a {@link QuantizedGraph} (weights as constants) to one Aleo function that computes
 * exactly what {@code IntegerSimulator} computes. The quantized input arrives as private arrays
 * of the smallest signed type holding {@code inputBits}; the result leaves as one public array
 * of logits or a public argmax index.
 *
 * <p>Encodings (measured in docs/ENCODING.md): a FIELD-domain layer multiplies and adds in the
 * field, where both are free, and pays one checked field-to-unsigned cast per neuron to
 * requantize and clamp with an offset, in the narrowest of u8..u64 the layer's static
 * accumulator bound allows (about one constraint per bit for the cast, each compare and each
 * select); an integer-domain layer uses checked integer arithmetic in its type, where every
 * multiply and add costs constraints but no cast is needed.
 */
public final class Lowering {

    /** snarkVM's MAX_ARRAY_ELEMENTS since consensus V14 (see circuit.AleoLimits). */
    public static final int MAX_ARRAY_ELEMENTS = 2048;

    public IrProgram lower(QuantizedGraph graph, ProgramHeader header, String programName) {
        return lower(graph, header, programName, WeightsMode.CONSTANT, null);
    }

    /**
     * @param pinned the commitment literal ({@code <digits>field}) the weights must hash to; PINNED only
     */
    public IrProgram lower(QuantizedGraph graph, ProgramHeader header, String programName, WeightsMode mode,
                           String pinned) {
        return lower(graph, header, programName, mode, CommitmentScheme.ARRAYS_PSD2, pinned);
    }

    /**
     * @param scheme how private weights enter and are committed to (ignored for constant weights)
     * @param pinned the commitment literal ({@code <digits>field}) the weights must hash to; PINNED only
     */
    public IrProgram lower(QuantizedGraph graph, ProgramHeader header, String programName, WeightsMode mode,
                           CommitmentScheme scheme, String pinned) {
        return lowerWithPrefixes(graph, header, programName, mode, scheme, pinned).program();
    }

    /**
     * As {@link #lower(QuantizedGraph, ProgramHeader, String, WeightsMode, CommitmentScheme, String)}, with the
     * body lengths at which the next lowering of the same model is likely to read alike ({@link Lowered}).
     */
    public Lowered lowerWithPrefixes(QuantizedGraph graph, ProgramHeader header, String programName, WeightsMode mode,
                                     CommitmentScheme scheme, String pinned) {
        if (mode == WeightsMode.PINNED && pinned == null) {
            throw new IllegalArgumentException("pinned weights need the commitment to pin");
        }
        Session session = new Session(graph, mode, scheme, pinned);
        IrProgram program = session.run(header, Identifiers.programName(programName));
        return new Lowered(program, session.prefixes(program.body().size()));
    }

    /**
     * A lowered program and its {@link LoweredSegment#prefixes prefixes}: a hint for pricing it from a cost
     * model's state saved there by an earlier estimate (whoever uses it compares the instructions).
     */
    public record Lowered(IrProgram program, List<Integer> prefixes) {
        public Lowered {
            prefixes = List.copyOf(prefixes);
        }
    }

    /**
     * A model cut into a program chain with constant weights: segment {@code i} lowers layers
     * {@code [cuts[i-1], cuts[i])} as program {@code names[i]}, receives the activation of the layer
     * before its first as private arrays, and (all but the last) ends by calling segment {@code i + 1},
     * whose outputs (the model's, public) it returns. With no cuts this is {@link #lower} exactly.
     *
     * @param cuts ascending layer indices, each {@link ChainCuts#allowed}
     */
    public List<LoweredSegment> lowerChain(QuantizedGraph graph, ProgramHeader header, List<String> names,
                                           List<Integer> cuts) {
        return lowerChainAt(graph, header, names, cuts.stream().map(ChainPoint::before).toList());
    }

    /**
     * As {@link #lowerChain}, at any cut points: a cut inside a Conv2D layer has the segment before it
     * compute that layer's first channels and pass them on with the layer's input, and the segment after
     * it compute the rest ({@link ChainCuts#points}).
     *
     * @param cuts ascending points, each {@link ChainCuts#allowed(QuantizedGraph, ChainPoint)}
     */
    public List<LoweredSegment> lowerChainAt(QuantizedGraph graph, ProgramHeader header, List<String> names,
                                             List<ChainPoint> cuts) {
        return lowerChainAt(graph, header, names, cuts, point -> null);
    }

    /**
     * As {@link #lowerChainAt(QuantizedGraph, ProgramHeader, List, List)}, the segments side by side
     * ({@link SideBySide}) when {@code known} gives what is handed over at every cut (a partition search
     * learnt it lowering its candidates); each segment then passes on exactly what was known, or the lowering
     * fails as a bug. Otherwise one after another, each receiving what the one before passes.
     *
     * @param known the hand-off at a cut, or null when not known
     */
    public List<LoweredSegment> lowerChainAt(QuantizedGraph graph, ProgramHeader header, List<String> names,
                                             List<ChainPoint> cuts, Function<ChainPoint, Handoff> known) {
        return lowerChainAt(graph, header, names, cuts, known, i -> true);
    }

    /**
     * As {@link #lowerChainAt(QuantizedGraph, ProgramHeader, List, List, Function)}, lowering only the segments
     * {@code wanted} (by index; the caller has the others already) when every cut's hand-off is known: the others
     * are null in the list. Without the hand-offs every segment is lowered, each needing the one before.
     */
    public List<LoweredSegment> lowerChainAt(QuantizedGraph graph, ProgramHeader header, List<String> names,
                                             List<ChainPoint> cuts, Function<ChainPoint, Handoff> known,
                                             IntPredicate wanted) {
        if (names.size() != cuts.size() + 1) {
            throw new IllegalArgumentException(cuts.size() + " cuts make " + (cuts.size() + 1) + " programs, not "
                    + names.size());
        }
        List<ChainPoint> starts = new ArrayList<>(List.of(ChainPoint.before(0)));
        for (int i = 0; i < cuts.size(); i++) {
            ChainPoint from = starts.get(i);
            ChainPoint to = cuts.get(i);
            if (to.compareTo(from) <= 0 || !ChainCuts.allowed(graph, to)) {
                throw new IllegalArgumentException("the chain cannot be cut " + (to.inside() ? "inside" : "before")
                        + " layer " + (to.layer() < graph.layers().size() ? graph.layer(to.layer()).name() : to.layer())
                        + (to.inside() ? " after " + to.channel() + " output channels" : "")
                        + (to.compareTo(from) <= 0 ? " (cuts must ascend)" : ""));
            }
            starts.add(to);
        }
        List<Integer> segments = IntStream.rangeClosed(0, cuts.size()).boxed().toList();
        BiFunction<Integer, Handoff, LoweredSegment> lower = (i, in) -> new Session(graph,
                WeightsMode.CONSTANT, CommitmentScheme.PACKED_PSD8, null).runSegment(header,
                Identifiers.programName(names.get(i)), starts.get(i), i < cuts.size() ? cuts.get(i)
                        : ChainPoint.before(graph.layers().size()),
                in, i < cuts.size() ? Identifiers.programName(names.get(i + 1)) : null);
        List<LoweredSegment> out;
        if (cuts.stream().allMatch(c -> known.apply(c) != null)) {
            out = SideBySide.map(segments, i -> wanted.test(i)
                    ? lower.apply(i, i == 0 ? null : known.apply(cuts.get(i - 1))) : null);
            for (int i = 0; i < cuts.size(); i++) {
                if (out.get(i) != null && !out.get(i).passes().equals(known.apply(cuts.get(i)))) {
                    throw new IllegalStateException("segment " + i + " passes " + out.get(i).passes()
                            + ", not the hand-off known at its cut, " + known.apply(cuts.get(i)));
                }
            }
        } else {
            out = new ArrayList<>();
            for (int i : segments) {
                out.add(lower.apply(i, i == 0 ? null : out.get(i - 1).passes()));
            }
        }
        LoweredSegment last = out.get(out.size() - 1);
        List<IrType> returned = last == null ? Session.outputTypes(graph)
                : last.program().outputs().stream().map(o -> o.value().type()).toList();
        if (!returned.equals(Session.outputTypes(graph))) {
            throw new IllegalStateException("the last segment returns " + returned + ", its callers expect "
                    + Session.outputTypes(graph));
        }
        return out;
    }

    /** One segment on its own; {@code next} null for the last. */
    public LoweredSegment lowerSegment(QuantizedGraph graph, ProgramHeader header, String name, ChainPoint from,
                                       ChainPoint to, Handoff in, String next) {
        return new Session(graph, WeightsMode.CONSTANT, CommitmentScheme.PACKED_PSD8, null, new IrBuilder())
                .runSegment(header, Identifiers.programName(name), from, to, in, next);
    }

    /**
     * {@link #lowerSegment} with its registers unnamed ({@link IrBuilder#unnamed}): the same instructions,
     * circuit and Aleo text, for a candidate the partitioner only prices and measures; the chain it chooses is
     * lowered again with names for the Leo text.
     */
    public LoweredSegment lowerCandidate(QuantizedGraph graph, ProgramHeader header, String name, ChainPoint from,
                                         ChainPoint to, Handoff in, String next) {
        return lowerCandidate(graph, header, name, from, to, in, next, new LayerForms());
    }

    /** {@link #lowerCandidate} with the layers' forms from {@code forms}, which a search's candidates share. */
    public LoweredSegment lowerCandidate(QuantizedGraph graph, ProgramHeader header, String name, ChainPoint from,
                                         ChainPoint to, Handoff in, String next, LayerForms forms) {
        return new Session(graph, WeightsMode.CONSTANT, CommitmentScheme.PACKED_PSD8, null, IrBuilder.unnamed(), forms)
                .runSegment(header, Identifiers.programName(name), from, to, in, next);
    }

    /**
     * One lowered segment of a chain.
     *
     * @param start  where it starts (the entry: before layer 0)
     * @param end    where it ends (the last: before the one-past-last layer)
     * @param passes what is handed to the next segment, or null for the last
     * @param prefixes body lengths, ascending, up to which a longer segment from the same start, or the same
     *                 segment lowered again after a change to a later layer or to a layer's activation steps, is
     *                 likely to have the same instructions: the layers' own before the tail (the hand-off to the
     *                 next segment, or the model's outputs), where each layer begins, where its activation steps
     *                 begin (a layer's sums do not depend on its own output width), and after each Conv2D
     *                 channel's sums (a segment cut inside a Conv2D layer computes all of its channels' sums,
     *                 then their steps, so one with more channels shares only the sums). A hint for pricing:
     *                 whoever uses it compares.
     */
    public record LoweredSegment(IrProgram program, ChainPoint start, ChainPoint end, Handoff receives,
                                 Handoff passes, List<Integer> prefixes) {

        /** The first layer it computes (some of). */
        public int fromLayer() {
            return start.layer();
        }

        /** One past the last layer it computes (some of). */
        public int toLayer() {
            return end.layersEnd();
        }
    }

    /** State of one lowering run. */
    private static final class Session {
        private final QuantizedGraph g;
        private final LayerForms forms;
        private final IrBuilder builder;
        private final Emitter e;
        private final List<List<ValueRef>> values = new ArrayList<>();
        private final Map<ValueRef, FieldTerm> fieldCache = new HashMap<>();
        private final Map<ValueRef, Map<ScalarType, Operand>> signedCache = new HashMap<>();
        private final Map<ValueRef, Integer> bitsOf = new HashMap<>();
        private final Activations activations;
        // The part of the model a chain segment computes (the whole model for one program): a cut
        // inside a Conv2D layer makes the segments on either side compute a run of its channels each.
        private ChainPoint start = ChainPoint.before(0);
        private ChainPoint end;
        /** The body's length when the last {@link #applySteps} began (a layer's activation after its sums). */
        private int stepsFrom;
        /** Body lengths where a layer, its steps or a Conv2D channel's sums end ({@link LoweredSegment#prefixes}). */
        private final java.util.TreeSet<Integer> boundaries = new java.util.TreeSet<>();

        private final WeightsMode mode;
        private final String pinned;
        private final CommittedWeights committed;
        private final List<Operand.Reg> weightInputs = new ArrayList<>();
        // The packed encoding (PackedWeights): one [u128; n] input, each parameter unpacked once, on first use.
        private final PackedWeights packed;
        // Scheme /2 (PackedInput): the data values ride in the same array, after the weights; null for /1.
        private final PackedInput shared;
        private Operand.Reg packedInput;
        private final Map<PackedWeights.Slot, ValueRef> unpacked = new HashMap<>();

        Session(QuantizedGraph g, WeightsMode mode, CommitmentScheme scheme, String pinned) {
            this(g, mode, scheme, pinned, new IrBuilder());
        }

        Session(QuantizedGraph g, WeightsMode mode, CommitmentScheme scheme, String pinned, IrBuilder builder) {
            this(g, mode, scheme, pinned, builder, new LayerForms());
        }

        Session(QuantizedGraph g, WeightsMode mode, CommitmentScheme scheme, String pinned, IrBuilder builder,
                LayerForms forms) {
            this.g = g;
            this.forms = forms;
            this.builder = builder;
            this.e = new Emitter(builder);
            this.mode = mode;
            this.pinned = pinned;
            boolean packedScheme = scheme != CommitmentScheme.ARRAYS_PSD2;
            this.committed = mode.privateWeights() && !packedScheme ? CommittedWeights.of(g) : null;
            this.shared = mode.privateWeights() && scheme == CommitmentScheme.PACKED_SHARED_PSD8 ? PackedInput.of(g) : null;
            this.packed = shared != null ? shared.weights()
                    : mode.privateWeights() && packedScheme ? PackedWeights.of(g) : null;
            this.activations = new Activations(e, this::toField);
        }

        IrProgram run(ProgramHeader header, String programName) {
            for (int i = 0; i < g.layers().size(); i++) {
                QuantizedLayer layer = g.layer(i);
                builder.layer(layer.name());
                boundaries.add(builder.bodySize());
                List<ValueRef> out = layer(layer);
                out.forEach(v -> bitsOf.putIfAbsent(v, layer.bits()));
                values.add(out);
            }
            output(g.output(), values.get(g.outputIndex()));
            String commitment = null;
            if (committed != null) {
                commitment = commitmentLayer();
                commit(commitment);
            } else if (packed != null) {
                commitment = commitmentLayer();
                commitPacked(commitment);
            }
            return builder.build(header, programName, "main", commitment);
        }

        LoweredSegment runSegment(ProgramHeader header, String programName, ChainPoint from, ChainPoint to,
                                  Handoff in, String next) {
            this.start = from;
            this.end = to;
            int first = from.layer();
            for (int i = 0; i < first; i++) {
                values.add(null); // never read: ChainCuts allows only cuts the layers after it do not reach across
            }
            List<ValueRef> computed = List.of();
            if (in != null) {
                List<List<ValueRef>> got = receive(in);
                values.set(first - 1, got.get(0));
                if (from.inside()) {
                    computed = got.get(1); // the first channels of layer `first`, computed by the segment before
                }
            }
            for (int i = first; i < to.layersEnd(); i++) {
                QuantizedLayer layer = g.layer(i);
                builder.layer(layer.name());
                boundaries.add(builder.bodySize());
                List<ValueRef> out = layer(layer);
                out.forEach(v -> bitsOf.putIfAbsent(v, layer.bits()));
                if (i == first && !computed.isEmpty()) {
                    List<ValueRef> all = new ArrayList<>(computed);
                    all.addAll(out);
                    out = all;
                }
                values.add(out);
            }
            int computedBody = builder.bodySize();
            Handoff passes = null;
            if (next == null) {
                output(g.output(), values.get(g.outputIndex()));
            } else if (to.inside()) {
                // Inside a layer: its input, and the channels computed so far, for the next segment to finish it.
                passes = passOn(List.of(g.layer(to.layer() - 1), g.layer(to.layer())),
                        List.of(values.get(to.layer() - 1), values.get(to.layer())), next);
            } else {
                passes = passOn(List.of(g.layer(to.layer() - 1)), List.of(values.get(to.layer() - 1)), next);
            }
            // Where a longer segment from the same start may still read alike: before the tail, and where the
            // layers, their steps and a Conv2D layer's channels' sums end.
            return new LoweredSegment(builder.build(header, programName, "main"), from, to, in, passes,
                    prefixes(computedBody));
        }

        /** The recorded boundaries up to {@code computedBody} (the layers' own instructions), and it. */
        List<Integer> prefixes(int computedBody) {
            java.util.TreeSet<Integer> at = new java.util.TreeSet<>(boundaries.headSet(computedBody, false));
            at.add(computedBody);
            at.remove(0); // nothing to resume at the start
            return List.copyOf(at);
        }

        /** The previous segment's values, declared as this function's private array inputs, one list per piece. */
        private List<List<ValueRef>> receive(Handoff in) {
            List<List<ValueRef>> out = new ArrayList<>();
            for (Handoff.Piece piece : in.pieces()) {
                QuantizedLayer layer = g.layer(g.indexOf(piece.layer()));
                builder.layer(layer.name());
                List<ValueRef> vs = new ArrayList<>();
                List<ArrayType> arrays = piece.arrays();
                for (int c = 0; c < arrays.size(); c++) {
                    Operand.Reg reg = builder.input(arrays.size() == 1 ? layer.name() : layer.name() + "_" + c,
                            arrays.get(c), Visibility.PRIVATE);
                    for (int i = 0; i < arrays.get(c).length(); i++) {
                        ValueRef v = piece.value(new Operand.Element(reg, i));
                        bitsOf.put(v, layer.bits());
                        vs.add(v);
                    }
                }
                out.add(vs);
            }
            return out;
        }

        /** Packs each activation into arrays and calls the next segment, returning what it returns. */
        private Handoff passOn(List<QuantizedLayer> layers, List<List<ValueRef>> activations, String next) {
            builder.layer(layers.get(layers.size() - 1).name());
            List<Handoff.Piece> pieces = new ArrayList<>();
            List<Operand> arrays = new ArrayList<>();
            for (int k = 0; k < layers.size(); k++) {
                QuantizedLayer layer = layers.get(k);
                List<ValueRef> vs = activations.get(k);
                ValueRef v0 = vs.get(0);
                boolean shared = v0.type().isInteger() && vs.stream().allMatch(v -> v.repr() == v0.repr()
                        && v.type() == v0.type() && v.offset().equals(v0.offset()));
                List<Operand> ops = new ArrayList<>();
                if (shared) {
                    // Passed as computed: nothing to convert on either side.
                    pieces.add(new Handoff.Piece(layer.name(), vs.size(), v0.type(), v0.repr(), v0.offset()));
                    vs.forEach(v -> ops.add(v.operand()));
                } else {
                    ScalarType t = signedType(layer.bits());
                    pieces.add(new Handoff.Piece(layer.name(), vs.size(), t, ValueRef.Repr.SIGNED, BigInteger.ZERO));
                    vs.forEach(v -> ops.add(toSigned(v, t)));
                }
                for (int c = 0; c * MAX_ARRAY_ELEMENTS < ops.size(); c++) {
                    arrays.add(builder.array(ops.subList(c * MAX_ARRAY_ELEMENTS,
                            Math.min(ops.size(), (c + 1) * MAX_ARRAY_ELEMENTS)), "pass"));
                }
            }
            List<IrType> types = outputTypes(g);
            List<String> names = types.stream().map(t -> t instanceof ArrayType ? "logits" : "class").toList();
            List<Operand.Reg> results = builder.call(next, "main", arrays, types, names);
            for (int i = 0; i < results.size(); i++) {
                builder.output(results.get(i), Visibility.PUBLIC, names.get(i));
            }
            return new Handoff(pieces);
        }

        /** The types {@link #output} gives the model's outputs (every segment of a chain returns them). */
        static List<IrType> outputTypes(QuantizedGraph g) {
            QuantizedLayer layer = g.output();
            if (layer.argmax()) {
                return List.of(layer.size() <= 256 ? ScalarType.U8 : ScalarType.U16);
            }
            ScalarType t = signedType(layer.bits());
            List<IrType> out = new ArrayList<>();
            for (int from = 0; from < layer.size(); from += MAX_ARRAY_ELEMENTS) {
                out.add(new ArrayType(t, Math.min(MAX_ARRAY_ELEMENTS, layer.size() - from)));
            }
            return out;
        }

        private List<ValueRef> input(QuantizedLayer layer) {
            ScalarType t = signedType(layer.bits());
            if (shared != null) {
                return sharedInput(layer, t);
            }
            List<ValueRef> out = new ArrayList<>();
            int chunks = (layer.size() + MAX_ARRAY_ELEMENTS - 1) / MAX_ARRAY_ELEMENTS;
            for (int c = 0; c < chunks; c++) {
                int n = Math.min(MAX_ARRAY_ELEMENTS, layer.size() - c * MAX_ARRAY_ELEMENTS);
                Operand.Reg reg = builder.input(chunks == 1 ? layer.name() : layer.name() + "_" + c,
                        new ArrayType(t, n), Visibility.PRIVATE);
                for (int i = 0; i < n; i++) {
                    out.add(ValueRef.signed(new Operand.Element(reg, i)));
                }
            }
            if (committed != null) {
                // All inputs come before the first instruction (snarkVM numbers registers in order).
                for (CommittedWeights.Chunk c : committed.chunks()) {
                    weightInputs.add(builder.input(c.name(), new ArrayType(c.type(), c.values().length), Visibility.PRIVATE));
                }
            }
            if (packed != null) {
                packedInput = builder.input("weights", packed.type(), Visibility.PRIVATE);
            }
            // The simulator clamps the quantized input; a prover could pass anything the type holds.
            return applySteps(layer, out, layer.steps(), null, new Range(t.min(), t.max()));
        }

        /**
         * Scheme /2: the one private input holds the salt, the weights and then the data (PackedInput); the data
         * values are unpacked like the weights, free, in their input type's width, so a prover can pass exactly
         * what that type holds, as with the separate data array.
         */
        private List<ValueRef> sharedInput(QuantizedLayer layer, ScalarType t) {
            if (packedInput != null) {
                throw new IllegalArgumentException("the weights can share the data input only with one input layer");
            }
            packedInput = builder.input(layer.name(), shared.type(), Visibility.PRIVATE);
            List<ValueRef> out = new ArrayList<>();
            for (int i = 0; i < layer.size(); i++) {
                out.add(unpack(shared.data(i)));
            }
            return applySteps(layer, out, layer.steps(), null, new Range(t.min(), t.max()));
        }

        /** "weights", or (when a model layer has that name) a variant no layer has: cost and code keep them apart. */
        private String commitmentLayer() {
            String name = "weights";
            while (g.indexOf(name) >= 0) {
                name = name + "_commitment";
            }
            return name;
        }

        /** The commitment: hash.psd2 of the one weight array, or of the arrays' hashes. */
        private void commit(String layerName) {
            builder.layer(layerName);
            Operand c;
            if (weightInputs.size() == 1) {
                c = builder.hash(weightInputs.get(0), "commitment");
            } else {
                List<Operand> hs = new ArrayList<>();
                for (Operand.Reg r : weightInputs) {
                    hs.add(builder.hash(r, "h"));
                }
                c = builder.hash(builder.array(hs, "hashes"), "commitment");
            }
            if (mode == WeightsMode.PINNED) {
                builder.assertEqual(c, Emitter.constant(ScalarType.FIELD, new BigInteger(pinned.trim().replace("field", ""))));
            } else {
                builder.output(c, Visibility.PUBLIC, "commitment");
            }
        }

        /** The salted commitment: one hash.psd8 over the whole packed array, salt included. */
        private void commitPacked(String layerName) {
            builder.layer(layerName);
            Operand committedArray = packedInput;
            if (shared != null) {
                // Only the salt and the weights (elements 0..k-1): the commitment must not depend on the data.
                List<Operand> elements = new ArrayList<>();
                for (int i = 0; i < shared.committedElements(); i++) {
                    elements.add(new Operand.Element(packedInput, i));
                }
                committedArray = builder.array(elements, "committed");
            }
            Operand c = builder.hash(committedArray, "psd8", "commitment");
            if (mode == WeightsMode.PINNED) {
                builder.assertEqual(c, Emitter.constant(ScalarType.FIELD, new BigInteger(pinned.trim().replace("field", ""))));
            } else {
                builder.output(c, Visibility.PUBLIC, "commitment");
            }
        }

        /** The private weight array element holding a parameter, as a signed value. */
        private ValueRef param(int[] slot) {
            return ValueRef.signed(new Operand.Element(weightInputs.get(slot[0]), slot[1]));
        }

        /** Whether the layer's weights and biases are private inputs (either scheme). */
        private boolean privateParams(QuantizedLayer layer) {
            return committed != null ? committed.layers().containsKey(layer.name())
                    : packed != null && packed.has(layer.name());
        }

        private ValueRef weightParam(QuantizedLayer layer, int i) {
            return committed != null ? param(committed.layers().get(layer.name()).weights()[i])
                    : unpack(packed.weight(layer.name(), i));
        }

        private ValueRef biasParam(QuantizedLayer layer, int i) {
            return committed != null ? param(committed.layers().get(layer.name()).biases()[i])
                    : unpack(packed.bias(layer.name(), i));
        }

        /**
         * A packed parameter in offset form: {@code (element >> shift) & mask}, its sign bit flipped so
         * the two's-complement bits read as value + 2^(width-1), cast to the narrowest unsigned type.
         * Every step only rewires bits or fixes them to constants, so none adds a constraint.
         */
        private ValueRef unpack(PackedWeights.Slot s) {
            ValueRef cached = unpacked.get(s);
            if (cached != null) {
                return cached;
            }
            boolean data = shared != null && s.element() >= shared.committedElements();
            String role = (data ? "x" : "w") + s.element() + "_" + s.shift();
            BigInteger mask = BigInteger.ONE.shiftLeft(s.width()).subtract(BigInteger.ONE);
            BigInteger sign = BigInteger.ONE.shiftLeft(s.width() - 1);
            Operand v = e.shr(new Operand.Element(packedInput, s.element()), s.shift(), role + "_s");
            if (s.shift() + s.width() < PackedWeights.ELEMENT_BITS) {
                v = e.and(v, Emitter.constant(PackedWeights.ELEMENT, mask), role + "_m");
            }
            v = e.xor(v, Emitter.constant(PackedWeights.ELEMENT, sign), role + "_o");
            ValueRef r = ValueRef.offset(e.cast(v, ScalarType.smallestUnsigned(mask), role), sign);
            bitsOf.put(r, s.width());
            unpacked.put(s, r);
            return r;
        }

        /** Lowers one layer; a visitor, so a new producer does not compile until it is lowered here. */
        private List<ValueRef> layer(QuantizedLayer layer) {
            Session session = this;
            return layer.producer().accept(new Producer.Visitor<List<ValueRef>>() {
                @Override
                public List<ValueRef> quantizeInput(Producer.QuantizeInput p) {
                    return input(layer);
                }

                @Override
                public List<ValueRef> dense(Producer.Dense p) {
                    return linear(layer);
                }

                @Override
                public List<ValueRef> conv2d(Producer.Conv2D p) {
                    return linear(layer);
                }

                @Override
                public List<ValueRef> affine(Producer.Affine p) {
                    return linear(layer);
                }

                @Override
                public List<ValueRef> add(Producer.Add p) {
                    return linear(layer);
                }

                @Override
                public List<ValueRef> maxPool(Producer.MaxPool m) {
                    return applySteps(layer, session.maxPool(layer, m), layer.steps(), null, inputRange(layer));
                }

                @Override
                public List<ValueRef> avgPool(Producer.AvgPool a) {
                    // The average is a linear form (weight R[n] per tap) followed by the reciprocal's
                    // shift: the field layer computes it with one field->unsigned cast per output.
                    List<Step> steps = new ArrayList<>();
                    steps.add(new Step.Requant(a.reciprocalBits(), a.rounding(), Domain.FIELD));
                    steps.addAll(layer.steps());
                    List<LinearForm> forms = Pooling.averageForms(a);
                    return fieldLayer(layer, forms, steps, 0, forms.size());
                }

                @Override
                public List<ValueRef> identity(Producer.Identity p) {
                    if (domainOf(layer) == null || layer.steps().isEmpty()) {
                        return applySteps(layer, values.get(layer.input(0)), layer.steps(), null, inputRange(layer));
                    }
                    return linear(layer);
                }
            });
        }

        /** A layer of weighted sums (Dense, Conv2D, Affine, Add, an activation's requantization) in its domain. */
        private List<ValueRef> linear(QuantizedLayer layer) {
            List<LinearForm> forms = this.forms.of(layer, privateParams(layer));
            if (forms == null) {
                throw new UnsupportedOperationException("layer " + layer.name() + ": producer "
                        + layer.producer().getClass().getSimpleName() + " is not lowered yet");
            }
            Domain domain = domainOf(layer);
            // Every form of the layer is kept, whichever run is computed: the field layer's offset and
            // cast type come from all of them, so a channel computes the same values in any segment.
            ChannelRun run = end == null ? null : ChainCuts.run(g, g.indexOf(layer.name()), start, end);
            int lo = run == null ? 0 : run.firstOutput();
            int hi = run == null ? forms.size() : run.endOutput();
            return domain == Domain.FIELD ? fieldLayer(layer, forms, layer.steps(), lo, hi)
                    : integerLayer(layer, forms, domainType(domain), lo, hi);
        }

        // ---- FIELD domain: free multiply-accumulate, one field->unsigned cast per neuron ----

        /** Computes the outputs {@code [lo, hi)} of the layer's {@code forms}. */
        private List<ValueRef> fieldLayer(QuantizedLayer layer, List<LinearForm> forms, List<Step> steps, int lo,
                                          int hi) {
            Step.Requant rq = !steps.isEmpty() && steps.get(0) instanceof Step.Requant r ? r : null;
            int k = rq == null ? 0 : rq.shift();
            BigInteger half = k > 0 && rq.rounding() == Rounding.HALF_UP ? BigInteger.ONE.shiftLeft(k - 1) : BigInteger.ZERO;
            BigInteger mult = k < 0 ? BigInteger.ONE.shiftLeft(-k) : BigInteger.ONE;
            // One offset for the whole layer keeps its outputs comparable (argmax) without conversion.
            BigInteger bound = BigInteger.ZERO;
            for (LinearForm f : forms) {
                bound = bound.max(bound(layer, f).multiply(mult).add(half));
            }
            int m = Math.max(Math.max(k, 1), bound.bitLength());
            if (m > 63) {
                throw new UnrepresentableRangeException(layer.name(), "accumulator", "[-" + bound + ", " + bound + "]",
                        "the 63 bits of the simulator's and the cast's words", "lower this layer's weightFracBits or the "
                        + "activationBits of the layer before it (each bit less halves the bound)");
            }
            BigInteger offset = BigInteger.ONE.shiftLeft(m);
            int next = rq == null ? 0 : 1;
            Step.Clamp c0 = next < steps.size() && steps.get(next) instanceof Step.Clamp c ? c : null;
            ScalarType checked = c0 == null ? null
                    : checkType(c0.mode(), BigInteger.valueOf(c0.min()), BigInteger.valueOf(c0.max()));
            if (checked != null) {
                // CHECK without a subtraction: with offset 2^k * -lo the checked field->unsigned cast
                // aborts exactly when the result would be below lo, and the narrowing cast after
                // the shift exactly when it would be above hi.
                offset = BigInteger.valueOf(c0.min()).negate().shiftLeft(Math.max(k, 0));
                if (bound.add(offset).bitLength() > 64) {
                    throw new UnrepresentableRangeException(layer.name(), "accumulator", "[-" + bound + ", " + bound
                            + "] plus the CHECK offset " + offset, "u64", "lower this layer's weightFracBits or "
                            + "activationBits, or use boundMode SATURATE");
                }
                next++;
            }
            // Every sum lies in [offset - bound, offset + bound]: the narrowest unsigned type holding
            // that is exact for the checked cast, and the compares and selects after it cost about
            // one constraint per bit of that type (docs/ENCODING.md), so u32 halves u64's cost.
            ScalarType wide = ScalarType.smallestUnsigned(offset.add(bound));
            int keptBits = wide.bits() - Math.max(k, 0);
            if (checked != null && keptBits <= checked.bits()) {
                // The shifted value has at most checked.bits() bits, so it cannot exceed hi: no cast needed.
                checked = null;
            }
            List<ValueRef> out = new ArrayList<>();
            boolean priv = privateParams(layer);
            for (int o = lo; o < hi; o++) {
                LinearForm f = forms.get(o);
                BigInteger c = half.add(offset);
                Operand acc = null;
                if (priv && f.biasParam() >= 0) {
                    FieldTerm b = toField(biasParam(layer, f.biasParam()));
                    c = c.subtract(b.offset().multiply(mult));
                    acc = e.mul(b.value(), Emitter.constant(ScalarType.FIELD, mult), "b" + o);
                } else {
                    c = c.add(BigInteger.valueOf(f.bias()).multiply(mult));
                }
                // The roles of every term's registers, spelled once per output rather than per term.
                String product = "p" + o;
                String sum = "acc" + o;
                // The constant's weighted input offsets, summed in a long while they fit: two BigIntegers per term
                // were a tenth of what a chain search allocated.
                long offsets = 0;
                for (LinearForm.Term t : f.terms()) {
                    FieldTerm x = toField(values.get(layer.input(t.slot())).get(t.index()));
                    if (priv && t.param() >= 0) {
                        // x*w = X*W - b*X - a*W + a*b for X = x + a, W = w + b: one variable
                        // multiply (a single constraint in the field); the corrections are free.
                        FieldTerm w = toField(weightParam(layer, t.param()));
                        List<Operand> parts = new ArrayList<>();
                        parts.add(e.mul(e.mulVar(x.value(), w.value(), "xw" + o),
                                Emitter.constant(ScalarType.FIELD, mult), product));
                        parts.add(e.mul(x.value(), Emitter.constant(ScalarType.FIELD, w.offset().multiply(mult).negate()), "cx" + o));
                        parts.add(e.mul(w.value(), Emitter.constant(ScalarType.FIELD, x.offset().multiply(mult).negate()), "cw" + o));
                        c = c.add(x.offset().multiply(w.offset()).multiply(mult));
                        for (Operand p : parts) {
                            acc = acc == null ? p : e.add(acc, p, sum);
                        }
                    } else {
                        BigInteger w = k < 0 ? BigInteger.valueOf(t.weight()).shiftLeft(-k) : BigInteger.valueOf(t.weight());
                        // The input's offset is a constant: subtract its weighted sum once, in the bias.
                        if (x.offset().signum() != 0) {
                            long wx = w.bitLength() < 63 && x.offset().bitLength() < 63
                                    ? timesOrOverflow(w.longValue(), x.offset().longValue()) : Long.MIN_VALUE;
                            long less = wx == Long.MIN_VALUE ? Long.MIN_VALUE : minusOrOverflow(offsets, wx);
                            if (less != Long.MIN_VALUE) {
                                offsets = less;
                            } else {
                                c = c.subtract(w.multiply(x.offset()));
                            }
                        }
                        Operand p = e.mul(x.value(), Emitter.constant(ScalarType.FIELD, w), product);
                        acc = acc == null ? p : e.add(acc, p, sum);
                    }
                }
                c = c.add(BigInteger.valueOf(offsets));
                Operand shifted = acc == null ? Emitter.constant(ScalarType.FIELD, c)
                        : e.add(acc, Emitter.constant(ScalarType.FIELD, c), "sum" + o);
                Operand u = e.cast(shifted, wide, "u" + o);
                Operand s = e.shr(u, Math.max(k, 0), "q" + o);
                if (checked != null) {
                    s = e.cast(s, checked, "chk" + o);
                }
                out.add(ValueRef.offset(s, offset.shiftRight(Math.max(k, 0))));
                channelEnd(layer, o);
            }
            Range range = c0 != null && next > (rq == null ? 0 : 1) ? new Range(BigInteger.valueOf(c0.min()), BigInteger.valueOf(c0.max()))
                    : Range.symmetric(bound.shiftRight(Math.max(k, 0)).add(BigInteger.ONE));
            return applySteps(layer, out, steps.subList(next, steps.size()), null, range);
        }

        /** {@code a * b}, or Long.MIN_VALUE when that does not fit a long above Long.MIN_VALUE. */
        private static long timesOrOverflow(long a, long b) {
            long high = Math.multiplyHigh(a, b);
            long low = a * b;
            return high == (low >> 63) && low != Long.MIN_VALUE ? low : Long.MIN_VALUE;
        }

        /** {@code a - b}, or Long.MIN_VALUE when that does not fit a long above Long.MIN_VALUE. */
        private static long minusOrOverflow(long a, long b) {
            long r = a - b;
            return ((a ^ b) & (a ^ r)) < 0 || r == Long.MIN_VALUE ? Long.MIN_VALUE : r;
        }

        /** Records the body's length when output {@code o} of a Conv2D layer is the last of its channel. */
        private void channelEnd(QuantizedLayer layer, int o) {
            if (layer.producer() instanceof Producer.Conv2D c && (o + 1) % (c.outH() * c.outW()) == 0) {
                boundaries.add(builder.bodySize());
            }
        }

        /** The range of the first input layer's values: its width bounds them. */
        private Range inputRange(QuantizedLayer layer) {
            return Range.symmetricBits(g.layer(layer.input(0)).bits());
        }

        private List<ValueRef> maxPool(QuantizedLayer layer, Producer.MaxPool m) {
            List<ValueRef> in = values.get(layer.input(0));
            ScalarType t = signedType(g.layer(layer.input(0)).bits());
            List<ValueRef> out = new ArrayList<>();
            for (List<Integer> window : Pooling.maxWindows(m)) {
                String role = "m" + out.size();
                if (window.isEmpty()) {
                    out.add(ValueRef.signed(Emitter.constant(t, 0))); // the simulator's value for an all-padding window
                    continue;
                }
                List<ValueRef> vs = window.stream().map(in::get).toList();
                // The taps are the input layer's values (the pool's own width applies after the max).
                List<Operand> cmp = comparable(t, vs);
                ValueRef first = vs.get(0);
                boolean kept = cmp.get(0) == first.operand();
                // Compare in the values' own representation: converting every tap to a narrower
                // type costs more than it saves on a non-overlapping window (docs/ENCODING.md).
                Operand best = cmp.get(0);
                for (int j = 1; j < cmp.size(); j++) {
                    Operand c = e.lt(best, cmp.get(j), role + "_lt");
                    best = e.ternary(c, cmp.get(j), best, role);
                }
                out.add(kept && first.repr() == ValueRef.Repr.OFFSET ? ValueRef.offset(best, first.offset())
                        : ValueRef.signed(best));
            }
            return out;
        }

        /** |bias| + sum |w| * 2^(bits-1) of the inputs: no accumulator can exceed it. */
        private BigInteger bound(QuantizedLayer layer, LinearForm f) {
            // In a long while every part and sum fits one (every layer's forms are bounded, for each candidate
            // segment holding it: BigInteger's arithmetic was the lowering's largest own cost on fashion-cnn).
            long sum = f.bias() == Long.MIN_VALUE ? -1 : Math.abs(f.bias());
            for (LinearForm.Term t : f.terms()) {
                int shift = g.layer(layer.input(t.slot())).bits() - 1;
                long w = t.weight() == Long.MIN_VALUE ? -1 : Math.abs(t.weight());
                if (sum < 0 || w < 0 || shift < 0 || shift > 62 || w > (Long.MAX_VALUE >> shift)) {
                    sum = -1;
                    break;
                }
                long part = w << shift;
                sum = part > Long.MAX_VALUE - sum ? -1 : sum + part;
            }
            return sum >= 0 ? BigInteger.valueOf(sum) : exactBound(layer, f);
        }

        /** {@link #bound} in BigInteger arithmetic, for a form whose bound does not fit a long. */
        private BigInteger exactBound(QuantizedLayer layer, LinearForm f) {
            BigInteger b = BigInteger.valueOf(f.bias()).abs();
            for (LinearForm.Term t : f.terms()) {
                int bits = g.layer(layer.input(t.slot())).bits();
                b = b.add(BigInteger.valueOf(t.weight()).abs().shiftLeft(bits - 1));
            }
            return b;
        }

        // ---- integer domains: checked arithmetic in the domain's type ----

        /** Computes the outputs {@code [lo, hi)} of the layer's {@code forms}. */
        private List<ValueRef> integerLayer(QuantizedLayer layer, List<LinearForm> forms, ScalarType t, int lo, int hi) {
            List<ValueRef> out = new ArrayList<>();
            boolean priv = privateParams(layer);
            List<List<LinearForm.Term>> zeroOnly = List.of();
            if (!priv) {
                requireParametersFit(layer, forms, t);
                zeroOnly = zeroWeightOnlyInputs(layer, forms);
            }
            for (int o = lo; o < hi; o++) {
                LinearForm f = forms.get(o);
                // Bias first, then the terms in ascending order: the simulator's order, which is
                // what decides whether a checked partial sum overflows.
                Operand acc = priv && f.biasParam() >= 0 ? toSigned(biasParam(layer, f.biasParam()), t)
                        : Emitter.constant(t, f.bias());
                for (LinearForm.Term term : f.terms()) {
                    Operand x = toSigned(values.get(layer.input(term.slot())).get(term.index()), t);
                    Operand p = priv && term.param() >= 0
                            ? e.mulVar(x, toSigned(weightParam(layer, term.param()), t), "p" + o)
                            : e.mul(x, Emitter.constant(t, term.weight()), "p" + o);
                    acc = e.add(acc, p, "acc" + o);
                }
                for (LinearForm.Term term : zeroOnly.isEmpty() ? List.<LinearForm.Term>of() : zeroOnly.get(o)) {
                    // An input only zero weights read is still cast into the domain, as the simulator (and a
                    // program with private weights) does: one that does not fit aborts the proof. Its
                    // x & 0 carries the cast into the sum, so no dead-code pass can drop it.
                    Operand x = toSigned(values.get(layer.input(term.slot())).get(term.index()), t);
                    acc = e.add(acc, e.zeroReading(x, t, "zp" + o), "acc" + o);
                }
                out.add(ValueRef.signed(acc));
                channelEnd(layer, o);
            }
            return applySteps(layer, out, layer.steps(), t, new Range(t.min(), t.max()));
        }

        /**
         * Per neuron, the inputs that only zero weights of the layer read (with constant weights a zero
         * term is left out of its form), each given to the first neuron that reads it; empty when there
         * are none. Which neuron is fixed by the layer alone, so a layer cut between its channels checks
         * each such input in exactly one segment.
         */
        private static List<List<LinearForm.Term>> zeroWeightOnlyInputs(QuantizedLayer layer, List<LinearForm> forms) {
            java.util.Set<Long> read = new java.util.HashSet<>();
            for (LinearForm f : forms) {
                for (LinearForm.Term term : f.terms()) {
                    read.add(((long) term.slot() << 32) | term.index());
                }
            }
            List<LinearForm> all = LinearForm.of(layer, true);
            List<List<LinearForm.Term>> out = null;
            for (int o = 0; o < all.size(); o++) {
                for (LinearForm.Term term : all.get(o).terms()) {
                    if (read.add(((long) term.slot() << 32) | term.index())) {
                        if (out == null) {
                            out = new ArrayList<>();
                            for (int k = 0; k < all.size(); k++) {
                                out.add(new ArrayList<>());
                            }
                        }
                        out.get(o).add(term);
                    }
                }
            }
            return out == null ? List.of() : out;
        }

        /**
         * A weight or bias outside the checked domain cannot be written as a constant of it (the
         * simulator reports it as a PARAMETER issue): refused with the range that would be needed.
         */
        private static void requireParametersFit(QuantizedLayer layer, List<LinearForm> forms, ScalarType t) {
            long wLo = 0, wHi = 0, bLo = 0, bHi = 0;
            for (LinearForm f : forms) {
                bLo = Math.min(bLo, f.bias());
                bHi = Math.max(bHi, f.bias());
                for (LinearForm.Term term : f.terms()) {
                    wLo = Math.min(wLo, term.weight());
                    wHi = Math.max(wHi, term.weight());
                }
            }
            if (!t.fits(BigInteger.valueOf(wLo)) || !t.fits(BigInteger.valueOf(wHi))) {
                throw new UnrepresentableRangeException(layer.name(), "quantized weight", "[" + wLo + ", " + wHi + "]",
                        "its domain " + t.aleo(), "lower weightFracBits, or use a wider domain or FIELD");
            }
            if (!t.fits(BigInteger.valueOf(bLo)) || !t.fits(BigInteger.valueOf(bHi))) {
                throw new UnrepresentableRangeException(layer.name(), "bias (at the accumulator scale)",
                        "[" + bLo + ", " + bHi + "]", "its domain " + t.aleo(),
                        "lower weightFracBits or the input's activationFracBits, or use a wider domain or FIELD");
            }
        }

        // ---- element-wise steps ----

        private List<ValueRef> applySteps(QuantizedLayer layer, List<ValueRef> in, List<Step> steps, ScalarType t,
                                          Range initial) {
            stepsFrom = builder.bodySize();
            boundaries.add(stepsFrom);
            List<ValueRef> out = new ArrayList<>(in.size());
            for (int n = 0; n < in.size(); n++) {
                ValueRef v = in.get(n);
                Range r = initial;
                for (int s = 0; s < steps.size(); s++) {
                    // What the representation guarantees bounds the value too (an offset form is never
                    // below -offset): a width-derived range can be looser than the offset a narrow
                    // accumulator chose, and a step must not build a constant below the type's zero.
                    r = representable(v, r);
                    Step step = steps.get(s);
                    String role = "a" + n;
                    boolean reluNext = s + 1 < steps.size() && steps.get(s + 1) instanceof Step.Relu
                            && step instanceof Step.Clamp cl && cl.mode() == BoundMode.SATURATE;
                    if (step instanceof Step.Clamp c) {
                        // relu(clamp(v, lo, hi)) == clamp(v, max(lo, 0), hi): one compare-select pair fewer.
                        long lo = reluNext ? Math.max(c.min(), 0) : c.min();
                        v = clamp(v, r, BigInteger.valueOf(lo), BigInteger.valueOf(c.max()), c.mode(), role);
                        r = r.clamp(BigInteger.valueOf(lo), BigInteger.valueOf(c.max()));
                        if (reluNext) {
                            s++;
                        }
                    } else if (step instanceof Step.Relu) {
                        v = clamp(v, r, BigInteger.ZERO, null, BoundMode.SATURATE, role);
                        r = r.clamp(BigInteger.ZERO, r.hi());
                    } else if (step instanceof Step.Requant q) {
                        if (v.repr() == ValueRef.Repr.OFFSET) {
                            v = requantOffset(v, r, q, role);
                        } else if (t != null) {
                            v = requantSigned(layer, v, q, t, role);
                        } else {
                            // A signed value outside an integer layer (a pool over the input): round in the field.
                            v = q.shift() >= 0 ? activations.affine(v, r, BigInteger.ONE, BigInteger.ZERO, q.shift(), q.rounding(), null, role)
                                    : activations.affine(v, r, BigInteger.ONE.shiftLeft(-q.shift()), BigInteger.ZERO, 0, q.rounding(), null, role);
                        }
                        r = r.shiftRound(q.shift());
                    } else if (step instanceof Step.HardTanh h) {
                        BigInteger one = BigInteger.valueOf(h.one());
                        v = clamp(v, r, one.negate(), one, BoundMode.SATURATE, role);
                        r = r.clamp(one.negate(), one);
                    } else if (step instanceof Step.HardSigmoid h) {
                        // Multiply and add are free in the field; the clamp runs in the cast's unsigned type.
                        ValueRef z = activations.affine(v, r, BigInteger.valueOf(h.slope()), BigInteger.valueOf(h.half()),
                                h.slopeFracBits(), h.rounding(), null, role);
                        v = clamp(z, null, BigInteger.ZERO, BigInteger.valueOf(h.one()), BoundMode.SATURATE, role);
                        r = new Range(BigInteger.ZERO, BigInteger.valueOf(h.one()));
                    } else if (step instanceof Step.LeakyShift l) {
                        v = activations.leaky(v, r, BigInteger.ONE, l.shift(), l.rounding(), role);
                        r = r.leaky(BigInteger.ONE, l.shift());
                    } else if (step instanceof Step.LeakyMul l) {
                        v = activations.leaky(v, r, BigInteger.valueOf(l.alpha()), l.alphaFracBits(), l.rounding(), role);
                        r = r.leaky(BigInteger.valueOf(l.alpha()), l.alphaFracBits());
                    } else if (step instanceof Step.PiecewiseLinear p) {
                        v = activations.piecewiseLinear(v, r, p, role);
                        r = Range.of(p.values());
                    } else if (step instanceof Step.Polynomial p) {
                        BigInteger lim = BigInteger.ONE.shiftLeft(p.fracBits() + p.rangeLog2());
                        v = clamp(v, r, lim.negate(), lim, BoundMode.SATURATE, role + "_in");
                        r = r.clamp(lim.negate(), lim);
                        v = activations.polynomial(v, representable(v, r), p, role);
                        v = clamp(v, null, BigInteger.valueOf(p.outMin()), BigInteger.valueOf(p.outMax()), BoundMode.SATURATE, role);
                        r = new Range(BigInteger.valueOf(p.outMin()), BigInteger.valueOf(p.outMax()));
                    } else {
                        throw new UnsupportedOperationException("layer " + layer.name() + ": step "
                                + step.getClass().getSimpleName() + " is not lowered yet");
                    }
                }
                out.add(v);
            }
            return out;
        }

        /**
         * Requantizes a value held in offset form: with an offset that is a multiple of 2^k,
         * {@code (u + half) >> k} is the rounded quotient plus {@code offset / 2^k}.
         */
        private ValueRef requantOffset(ValueRef v, Range r, Step.Requant q, String role) {
            int k = q.shift();
            BigInteger top = r.hi().add(v.offset());
            if (k < 0) {
                BigInteger m = BigInteger.ONE.shiftLeft(-k);
                // The multiplier is a constant of the value's type too: a value that is always 0 in offset form
                // (top 0) fits any product, not 2^-k (differential seed 2,426,462: 1024 in u8).
                if (v.type().fits(m) && v.type().fits(top.multiply(m))) {
                    return ValueRef.offset(e.mul(v.operand(), Emitter.constant(v.type(), m), role), v.offset().multiply(m));
                }
                return activations.affine(v, r, m, BigInteger.ZERO, 0, q.rounding(), null, role);
            }
            BigInteger unit = BigInteger.ONE.shiftLeft(k);
            BigInteger half = k > 0 && q.rounding() == Rounding.HALF_UP ? unit.shiftRight(1) : BigInteger.ZERO;
            BigInteger pad = v.offset().negate().mod(unit);
            if (!v.type().fits(top.add(half).add(pad))) {
                // A narrow type has no headroom for the rounding constant: round in the field instead.
                return activations.affine(v, r, BigInteger.ONE, BigInteger.ZERO, k, q.rounding(), null, role);
            }
            Operand u = e.add(v.operand(), Emitter.constant(v.type(), half.add(pad)), role + "_r");
            return ValueRef.offset(e.shr(u, k, role), v.offset().add(pad).shiftRight(k));
        }

        private ValueRef requantSigned(QuantizedLayer layer, ValueRef v, Step.Requant r, ScalarType t, String role) {
            if (v.repr() != ValueRef.Repr.SIGNED || t == null) {
                throw new UnsupportedOperationException("layer " + layer.name()
                        + ": a requantization outside a linear layer's accumulator is not lowered yet");
            }
            Operand x = v.operand();
            if (r.shift() > 0) {
                if (r.rounding() == Rounding.HALF_UP) {
                    x = addChecked(x, BigInteger.ONE.shiftLeft(r.shift() - 1), t, role + "_r");
                }
                x = e.shr(x, Math.min(r.shift(), t.bits() - 1), role);
            } else if (r.shift() < 0) {
                x = mulChecked(x, -r.shift(), t, role);
            }
            return ValueRef.signed(x);
        }

        /**
         * {@code x + c} in the checked type {@code t}, aborting exactly when the simulator's sum leaves
         * {@code t}, also when {@code c} itself does not fit {@code t} (a half-up constant of a long shift
         * in a narrow domain): positive parts that each fit, since an increasing chain of checked adds
         * overflows exactly when its last sum does. Parts beyond the type's span always abort, as the sum would.
         */
        private Operand addChecked(Operand x, BigInteger c, ScalarType t, String role) {
            BigInteger left = c.min(BigInteger.ONE.shiftLeft(t.bits()));
            while (left.compareTo(t.max()) > 0) {
                x = e.add(x, Emitter.constant(t, t.max()), role);
                left = left.subtract(t.max());
            }
            return e.add(x, Emitter.constant(t, left), role);
        }

        /** {@code x * 2^k} checked in {@code t}: factors that fit, since |x * 2^j| grows with j (same sign). */
        private Operand mulChecked(Operand x, int k, ScalarType t, String role) {
            int step = t.bits() - 2;
            int left = Math.min(k, t.bits());
            while (left > step) {
                x = e.mul(x, Emitter.constant(t, BigInteger.ONE.shiftLeft(step)), role);
                left -= step;
            }
            return e.mul(x, Emitter.constant(t, BigInteger.ONE.shiftLeft(left)), role);
        }

        /**
         * Clamps to [lo, hi] (hi null: unbounded above) in whichever representation the value has;
         * {@code r} is the value's static range (null: only its representation's).
         */
        private ValueRef clamp(ValueRef v, Range r, BigInteger lo, BigInteger hi, BoundMode mode, String role) {
            r = representable(v, r);
            if (mode == BoundMode.CHECK) {
                return check(v, r, lo, hi, role);
            }
            if (v.operand() instanceof Operand.Const c && c.type().isInteger()) {
                // A constant (a layer whose weights all round to zero, folded by the emitter) is clamped as a
                // number: in offset form its offset may lie beyond its folded type (differential seed 93293), where
                // no comparison in that type could reach the bound. Its value, in a signed type holding the bounds.
                BigInteger x = v.repr() == ValueRef.Repr.OFFSET ? c.value().subtract(v.offset()) : c.value();
                BigInteger y = hi == null ? x.max(lo) : x.max(lo).min(hi);
                ScalarType t = ScalarType.smallestSigned(lo.min(y), hi == null ? y.max(lo) : hi);
                if (t != null) {
                    return ValueRef.signed(Emitter.constant(t, y));
                }
            }
            if (v.repr() == ValueRef.Repr.OFFSET) {
                // Bounds beyond the type's range are implied by it (Emitter.clamp skips them).
                BigInteger loU = lo.add(v.offset());
                BigInteger hiU = hi == null ? v.type().max() : hi.add(v.offset()).min(v.type().max());
                if (loU.compareTo(v.type().max()) > 0) {
                    throw new UnsupportedOperationException("a clamp whose lower bound " + lo
                            + " is above every value of its input is not lowered");
                }
                return ValueRef.offset(e.clamp(v.operand(), loU.max(BigInteger.ZERO), hiU, role), v.offset());
            }
            ScalarType t = v.type();
            BigInteger h = hi == null ? t.max() : hi.min(t.max());
            return ValueRef.signed(e.clamp(v.operand(), lo.max(t.min()), h, role));
        }

        /**
         * CHECK: the value flows on only through operations that abort exactly outside [lo, hi] (so no
         * pass can drop the check). A bound the static range already implies costs nothing.
         */
        private ValueRef check(ValueRef v, Range r, BigInteger lo, BigInteger hi, String role) {
            boolean below = r.lo().compareTo(lo) < 0;
            boolean above = hi != null && r.hi().compareTo(hi) > 0;
            if (v.repr() == ValueRef.Repr.OFFSET) {
                ScalarType u = checkType(BoundMode.CHECK, lo, hi);
                if (u != null && lo.add(v.offset()).signum() >= 0) {
                    // The unsigned subtraction aborts below lo, the narrowing cast above hi.
                    Operand d = e.sub(v.operand(), Emitter.constant(v.type(), lo.add(v.offset())), role + "_d");
                    // A type no wider than the bound's cannot exceed hi: the subtraction is the whole check.
                    return ValueRef.offset(u.bits() >= v.type().bits() ? d : e.cast(d, u, role + "_chk"), lo.negate());
                }
                ValueRef out = v;
                if (below) {
                    // r.lo >= -offset (the representation), so lo + offset > 0 here.
                    Operand d = e.sub(v.operand(), Emitter.constant(v.type(), lo.add(v.offset())), role + "_d");
                    out = ValueRef.offset(d, lo.negate());
                }
                if (above) {
                    // d + (max - (hi + offset)) aborts exactly when the value exceeds hi.
                    BigInteger c = out.type().max().subtract(hi.add(out.offset()));
                    out = ValueRef.offset(e.add(out.operand(), Emitter.constant(out.type(), c), role + "_h"),
                            out.offset().add(c));
                }
                return out;
            }
            ScalarType t = v.type();
            BigInteger h = hi == null ? t.max() : hi.min(t.max());
            ScalarType exact = ScalarType.smallestSigned(lo, h);
            if (exact != null && exact.min().equals(lo) && exact.max().equals(h) && exact.bits() < t.bits()) {
                // A checked cast to the bound's own type aborts the proof when it is exceeded.
                return ValueRef.signed(e.cast(e.cast(v.operand(), exact, role + "_chk"), t, role));
            }
            Operand x = v.operand();
            if (above) {
                // x + (max - hi) overflows exactly when x > hi; subtracting it back cannot.
                Operand.Const c = Emitter.constant(t, t.max().subtract(h));
                x = e.sub(e.add(x, c, role + "_h"), c, role + "_hv");
            }
            if (below && lo.compareTo(t.min()) > 0) {
                Operand.Const c = Emitter.constant(t, lo.subtract(t.min()));
                x = e.add(e.sub(x, c, role + "_l"), c, role + "_lv");
            }
            return ValueRef.signed(x);
        }

        /** {@code r} narrowed by what {@code v}'s representation guarantees (null {@code r}: only that). */
        private static Range representable(ValueRef v, Range r) {
            BigInteger lo, hi;
            if (v.operand() instanceof Operand.Const c) {
                lo = hi = c.value().subtract(v.offset());
            } else if (!v.type().isInteger()) {
                return r;
            } else {
                lo = v.type().min().subtract(v.offset());
                hi = v.type().max().subtract(v.offset());
            }
            if (r == null) {
                return new Range(lo, hi);
            }
            BigInteger l = r.lo().max(lo), h = r.hi().min(hi);
            return l.compareTo(h) <= 0 ? new Range(l, h) : new Range(lo, hi).clamp(r.lo(), r.hi());
        }

        /** The unsigned type whose range is exactly [0, hi - lo], when CHECK can be a cast to it. */
        private static ScalarType checkType(BoundMode mode, BigInteger lo, BigInteger hi) {
            if (mode != BoundMode.CHECK || hi == null || lo.signum() > 0) {
                return null;
            }
            BigInteger span = hi.subtract(lo).add(BigInteger.ONE);
            for (ScalarType t : new ScalarType[] {ScalarType.U8, ScalarType.U16, ScalarType.U32}) {
                if (span.equals(BigInteger.ONE.shiftLeft(t.bits()))) {
                    return t;
                }
            }
            return null;
        }

        // ---- representation changes (cached: each source value is converted once) ----

        FieldTerm toField(ValueRef v) {
            return fieldCache.computeIfAbsent(v, x -> {
                if (x.repr() == ValueRef.Repr.SIGNED && !(x.operand() instanceof Operand.Const)) {
                    // snarkVM casts a signed integer to field by its bits (-5i16 -> 65531field), so
                    // flip the sign bit first: the bits then read as value + 2^(bits-1) for every
                    // value, a constant offset the layer folds into its bias.
                    ScalarType t = x.type();
                    Operand flipped = e.xor(x.operand(), Emitter.constant(t, t.min()), "s");
                    return new FieldTerm(e.cast(flipped, ScalarType.FIELD, "f"), t.min().negate());
                }
                return new FieldTerm(e.cast(x.operand(), ScalarType.FIELD, "f"), x.offset());
            });
        }

        private Operand toSigned(ValueRef v, ScalarType t) {
            return signedCache.computeIfAbsent(v, x -> new HashMap<>()).computeIfAbsent(t, tt -> convert(v, tt));
        }

        private Operand convert(ValueRef v, ScalarType t) {
            if (v.repr() == ValueRef.Repr.SIGNED) {
                return e.cast(v.operand(), t, "x");
            }
            int bits = bitsOf.getOrDefault(v, 63);
            // The layer's width bounds the value, and the offset form bounds it below by -offset: a
            // narrow accumulator's offset can be smaller than 2^(bits-1) (issue #17).
            Range r = representable(v, Range.symmetricBits(bits));
            BigInteger lo = r.lo();
            BigInteger hi = r.hi();
            // value + offset >= offset + lo >= 0, so this unsigned subtraction cannot underflow.
            Operand d = e.sub(v.operand(), Emitter.constant(v.type(), v.offset().add(lo)), "d");
            ScalarType w = ScalarType.smallestSigned(lo, hi.subtract(lo));
            Operand x = e.add(e.cast(d, w, "w"), Emitter.constant(w, lo), "s");
            return e.cast(x, t, "x");
        }

        // ---- outputs ----

        private void output(QuantizedLayer layer, List<ValueRef> vs) {
            builder.layer(layer.name());
            if (layer.argmax()) {
                List<Operand> cmp = comparable(signedType(layer.bits()), vs);
                ScalarType it = vs.size() <= 256 ? ScalarType.U8 : ScalarType.U16;
                Operand best = cmp.get(0);
                Operand idx = Emitter.constant(it, 0);
                for (int j = 1; j < cmp.size(); j++) {
                    // Strictly greater wins, so ties keep the lowest index, as IntegerSemantics.argmax.
                    Operand c = e.lt(best, cmp.get(j), "gt" + j);
                    if (j + 1 < cmp.size()) {
                        // The last maximum is never read; Leo's dead-code pass would drop it, so the IR does too.
                        best = e.ternary(c, cmp.get(j), best, "best" + j);
                    }
                    idx = e.ternary(c, Emitter.constant(it, j), idx, "idx" + j);
                }
                builder.output(idx, Visibility.PUBLIC, "class");
                return;
            }
            ScalarType t = signedType(layer.bits());
            List<Operand> logits = new ArrayList<>();
            for (ValueRef v : vs) {
                logits.add(toSigned(v, t));
            }
            for (int c = 0; c * MAX_ARRAY_ELEMENTS < logits.size(); c++) {
                List<Operand> part = logits.subList(c * MAX_ARRAY_ELEMENTS,
                        Math.min(logits.size(), (c + 1) * MAX_ARRAY_ELEMENTS));
                builder.output(builder.array(part, "logits"), Visibility.PUBLIC, "logits");
            }
        }

        /**
         * Values of one type in which order equals the order of the integers they stand for: their own
         * when they share one, else each converted to {@code t}, which must hold every value's width.
         */
        private List<Operand> comparable(ScalarType t, List<ValueRef> vs) {
            boolean sameOffset = vs.stream().allMatch(v -> v.repr() == ValueRef.Repr.OFFSET
                    && v.offset().equals(vs.get(0).offset()) && v.type() == vs.get(0).type());
            boolean sameSigned = vs.stream().allMatch(v -> v.repr() == ValueRef.Repr.SIGNED && v.type() == vs.get(0).type());
            if (sameOffset || sameSigned) {
                return vs.stream().map(ValueRef::operand).toList();
            }
            return vs.stream().map(v -> toSigned(v, t)).toList();
        }

        private static Domain domainOf(QuantizedLayer layer) {
            Domain own = Producer.domainOf(layer.producer());
            if (own != null) {
                return own;
            }
            return layer.steps().stream().filter(s -> s instanceof Step.Requant).map(s -> ((Step.Requant) s).domain())
                    .findFirst().orElse(null);
        }

        private static ScalarType domainType(Domain d) {
            return switch (d) {
                case I8 -> ScalarType.I8;
                case I16 -> ScalarType.I16;
                case I32 -> ScalarType.I32;
                case I64 -> ScalarType.I64;
                case I128 -> ScalarType.I128;
                case FIELD -> throw new IllegalArgumentException("field is not an integer domain");
            };
        }

        private static ScalarType signedType(int bits) {
            return inputType(bits);
        }
    }

    /** The signed type holding a {@code bits}-bit value: the data input's element type. */
    static ScalarType inputType(int bits) {
        BigInteger lim = BigInteger.ONE.shiftLeft(bits - 1);
        return ScalarType.smallestSigned(lim.negate(), lim.subtract(BigInteger.ONE));
    }

    /** A field element {@code value} standing for {@code value - offset}. */
    record FieldTerm(Operand value, BigInteger offset) {
    }
}
