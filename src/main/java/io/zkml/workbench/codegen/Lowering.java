package io.zkml.workbench.codegen;

import io.zkml.workbench.quant.BoundMode;
import io.zkml.workbench.quant.Domain;
import io.zkml.workbench.quant.Producer;
import io.zkml.workbench.quant.QuantizedGraph;
import io.zkml.workbench.quant.QuantizedLayer;
import io.zkml.workbench.quant.Rounding;
import io.zkml.workbench.quant.Step;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lowers a {@link QuantizedGraph} (weights as constants) to one Aleo function that computes
 * exactly what {@code IntegerSimulator} computes. The quantized input arrives as private arrays
 * of the smallest signed type holding {@code inputBits}; the result leaves as one public array
 * of logits or a public argmax index.
 *
 * <p>Encodings (measured in docs/ENCODING.md): a FIELD-domain layer multiplies and adds in the
 * field, where both are free, and pays one field-to-u64 cast per neuron to requantize and
 * clamp in u64 with an offset; an integer-domain layer uses checked integer arithmetic in its
 * type, where every multiply and add costs constraints but no cast is needed.
 */
public final class Lowering {

    /** snarkVM's MAX_ARRAY_ELEMENTS since consensus V14 (see circuit.AleoLimits). */
    public static final int MAX_ARRAY_ELEMENTS = 2048;

    public IrProgram lower(QuantizedGraph graph, ProgramHeader header, String programName) {
        return new Session(graph).run(header, Identifiers.programName(programName));
    }

    /** State of one lowering run. */
    private static final class Session {
        private final QuantizedGraph g;
        private final IrBuilder builder = new IrBuilder();
        private final Emitter e = new Emitter(builder);
        private final List<List<ValueRef>> values = new ArrayList<>();
        private final Map<ValueRef, FieldTerm> fieldCache = new HashMap<>();
        private final Map<ValueRef, Map<ScalarType, Operand>> signedCache = new HashMap<>();
        private final Map<ValueRef, Integer> bitsOf = new HashMap<>();

        Session(QuantizedGraph g) {
            this.g = g;
        }

        IrProgram run(ProgramHeader header, String programName) {
            for (int i = 0; i < g.layers().size(); i++) {
                QuantizedLayer layer = g.layer(i);
                builder.layer(layer.name());
                List<ValueRef> out = layer.producer() instanceof Producer.QuantizeInput ? input(layer) : layer(layer);
                out.forEach(v -> bitsOf.putIfAbsent(v, layer.bits()));
                values.add(out);
            }
            output(g.output(), values.get(g.outputIndex()));
            return builder.build(header, programName, "main");
        }

        private List<ValueRef> input(QuantizedLayer layer) {
            ScalarType t = signedType(layer.bits());
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
            // The simulator clamps the quantized input; a prover could pass anything the type holds.
            return applySteps(layer, out, layer.steps(), null);
        }

        private List<ValueRef> layer(QuantizedLayer layer) {
            List<LinearForm> forms = LinearForm.of(layer);
            if (forms == null) {
                throw new UnsupportedOperationException("layer " + layer.name() + ": producer "
                        + layer.producer().getClass().getSimpleName() + " is not lowered yet");
            }
            Domain domain = domainOf(layer);
            if (layer.producer() instanceof Producer.Identity && (domain == null || layer.steps().isEmpty())) {
                List<ValueRef> in = values.get(layer.input(0));
                return applySteps(layer, in, layer.steps(), null);
            }
            return domain == Domain.FIELD ? fieldLayer(layer, forms) : integerLayer(layer, forms, domainType(domain));
        }

        // ---- FIELD domain: free multiply-accumulate, one field->u64 cast per neuron ----

        private List<ValueRef> fieldLayer(QuantizedLayer layer, List<LinearForm> forms) {
            List<Step> steps = layer.steps();
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
                throw new IllegalArgumentException("layer " + layer.name() + ": accumulator bound " + bound
                        + " needs more than 63 bits; lower the weight or input frac bits");
            }
            BigInteger offset = BigInteger.ONE.shiftLeft(m);
            List<ValueRef> out = new ArrayList<>();
            for (int o = 0; o < forms.size(); o++) {
                LinearForm f = forms.get(o);
                BigInteger c = BigInteger.valueOf(f.bias()).multiply(mult).add(half).add(offset);
                Operand acc = null;
                for (LinearForm.Term t : f.terms()) {
                    FieldTerm x = toField(values.get(layer.input(t.slot())).get(t.index()));
                    BigInteger w = BigInteger.valueOf(t.weight()).multiply(mult);
                    // The input's offset is a constant: subtract its weighted sum once, in the bias.
                    c = c.subtract(w.multiply(x.offset()));
                    Operand p = e.mul(x.value(), Emitter.constant(ScalarType.FIELD, w), "p" + o);
                    acc = acc == null ? p : e.add(acc, p, "acc" + o);
                }
                Operand shifted = acc == null ? Emitter.constant(ScalarType.FIELD, c)
                        : e.add(acc, Emitter.constant(ScalarType.FIELD, c), "sum" + o);
                Operand u = e.cast(shifted, ScalarType.U64, "u" + o);
                Operand s = e.shr(u, Math.max(k, 0), "q" + o);
                out.add(ValueRef.offset(s, offset.shiftRight(Math.max(k, 0))));
            }
            return applySteps(layer, out, steps.subList(rq == null ? 0 : 1, steps.size()), null);
        }

        /** |bias| + sum |w| * 2^(bits-1) of the inputs: no accumulator can exceed it. */
        private BigInteger bound(QuantizedLayer layer, LinearForm f) {
            BigInteger b = BigInteger.valueOf(f.bias()).abs();
            for (LinearForm.Term t : f.terms()) {
                int bits = g.layer(layer.input(t.slot())).bits();
                b = b.add(BigInteger.valueOf(t.weight()).abs().shiftLeft(bits - 1));
            }
            return b;
        }

        // ---- integer domains: checked arithmetic in the domain's type ----

        private List<ValueRef> integerLayer(QuantizedLayer layer, List<LinearForm> forms, ScalarType t) {
            List<ValueRef> out = new ArrayList<>();
            for (int o = 0; o < forms.size(); o++) {
                LinearForm f = forms.get(o);
                // Bias first, then the terms in ascending order: the simulator's order, which is
                // what decides whether a checked partial sum overflows.
                Operand acc = Emitter.constant(t, f.bias());
                for (LinearForm.Term term : f.terms()) {
                    Operand x = toSigned(values.get(layer.input(term.slot())).get(term.index()), t);
                    acc = e.add(acc, e.mul(x, Emitter.constant(t, term.weight()), "p" + o), "acc" + o);
                }
                out.add(ValueRef.signed(acc));
            }
            return applySteps(layer, out, layer.steps(), t);
        }

        // ---- element-wise steps ----

        private List<ValueRef> applySteps(QuantizedLayer layer, List<ValueRef> in, List<Step> steps, ScalarType t) {
            List<ValueRef> out = new ArrayList<>(in.size());
            for (int n = 0; n < in.size(); n++) {
                ValueRef v = in.get(n);
                for (int s = 0; s < steps.size(); s++) {
                    Step step = steps.get(s);
                    boolean reluNext = s + 1 < steps.size() && steps.get(s + 1) instanceof Step.Relu
                            && step instanceof Step.Clamp cl && cl.mode() == BoundMode.SATURATE;
                    if (step instanceof Step.Clamp c) {
                        // relu(clamp(v, lo, hi)) == clamp(v, max(lo, 0), hi): one compare-select pair fewer.
                        long lo = reluNext ? Math.max(c.min(), 0) : c.min();
                        v = clamp(v, BigInteger.valueOf(lo), BigInteger.valueOf(c.max()), c.mode(), "a" + n);
                        if (reluNext) {
                            s++;
                        }
                    } else if (step instanceof Step.Relu) {
                        v = clamp(v, BigInteger.ZERO, null, BoundMode.SATURATE, "a" + n);
                    } else if (step instanceof Step.Requant r) {
                        v = requantSigned(layer, v, r, t, "q" + n);
                    } else {
                        throw new UnsupportedOperationException("layer " + layer.name() + ": step "
                                + step.getClass().getSimpleName() + " is not lowered yet");
                    }
                }
                out.add(v);
            }
            return out;
        }

        private ValueRef requantSigned(QuantizedLayer layer, ValueRef v, Step.Requant r, ScalarType t, String role) {
            if (v.repr() != ValueRef.Repr.SIGNED || t == null) {
                throw new UnsupportedOperationException("layer " + layer.name()
                        + ": a requantization outside a linear layer's accumulator is not lowered yet");
            }
            Operand x = v.operand();
            if (r.shift() > 0) {
                if (r.rounding() == Rounding.HALF_UP) {
                    x = e.add(x, Emitter.constant(t, 1L << (r.shift() - 1)), role + "_r");
                }
                x = e.shr(x, r.shift(), role);
            } else if (r.shift() < 0) {
                x = e.mul(x, Emitter.constant(t, BigInteger.ONE.shiftLeft(-r.shift())), role);
            }
            return ValueRef.signed(x);
        }

        /** Clamps to [lo, hi] (hi null: unbounded above) in whichever representation the value has. */
        private ValueRef clamp(ValueRef v, BigInteger lo, BigInteger hi, BoundMode mode, String role) {
            if (v.repr() == ValueRef.Repr.OFFSET) {
                ScalarType u = checkType(mode, lo, hi);
                if (u != null) {
                    // CHECK: the unsigned subtraction aborts below lo, the narrowing cast above hi,
                    // and the checked value is what flows on (so no pass can drop the check).
                    Operand d = e.sub(v.operand(), Emitter.constant(v.type(), lo.add(v.offset())), role + "_d");
                    return ValueRef.offset(e.cast(d, u, role + "_chk"), lo.negate());
                }
                BigInteger hiU = hi == null ? v.type().max() : hi.add(v.offset());
                return ValueRef.offset(e.clamp(v.operand(), lo.add(v.offset()), hiU, role), v.offset());
            }
            ScalarType t = v.type();
            BigInteger h = hi == null ? t.max() : hi.min(t.max());
            ScalarType exact = ScalarType.smallestSigned(lo, h);
            if (mode == BoundMode.CHECK && exact != null && exact.min().equals(lo) && exact.max().equals(h)
                    && exact.bits() < t.bits()) {
                // CHECK: a checked cast to the bound's own type aborts the proof when it is exceeded.
                return ValueRef.signed(e.cast(e.cast(v.operand(), exact, role + "_chk"), t, role));
            }
            return ValueRef.signed(e.clamp(v.operand(), lo.max(t.min()), h, role));
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

        private FieldTerm toField(ValueRef v) {
            return fieldCache.computeIfAbsent(v, x -> {
                if (x.repr() == ValueRef.Repr.SIGNED && x.type().signed()) {
                    // snarkVM casts a signed integer to field by its two's-complement bits read as unsigned
                    // (measured: -5i16 -> 65531field), so a negative value must never reach the cast: widen,
                    // add 2^(bits-1) to make it non-negative, and fold that offset into the bias like any other.
                    ScalarType t = x.type();
                    ScalarType wide = t == ScalarType.I8 ? ScalarType.I16 : t == ScalarType.I16 ? ScalarType.I32
                            : t == ScalarType.I32 ? ScalarType.I64 : ScalarType.I128;
                    BigInteger shift = BigInteger.ONE.shiftLeft(t.bits() - 1);
                    Operand w = e.add(e.cast(x.operand(), wide, "wf"), Emitter.constant(wide, shift), "nf");
                    return new FieldTerm(e.cast(w, ScalarType.FIELD, "f"), x.offset().add(shift));
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
            BigInteger lo = BigInteger.ONE.shiftLeft(bits - 1).negate();
            BigInteger hi = BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE);
            // value + offset >= offset + lo, so this u64 subtraction cannot underflow.
            Operand d = e.sub(v.operand(), Emitter.constant(v.type(), v.offset().add(lo)), "d");
            ScalarType w = ScalarType.smallestSigned(lo, hi.subtract(lo));
            Operand x = e.add(e.cast(d, w, "w"), Emitter.constant(w, lo), "s");
            return e.cast(x, t, "x");
        }

        // ---- outputs ----

        private void output(QuantizedLayer layer, List<ValueRef> vs) {
            builder.layer(layer.name());
            if (layer.argmax()) {
                List<Operand> cmp = comparable(layer, vs);
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

        /** Values of one type in which order equals the order of the integers they stand for. */
        private List<Operand> comparable(QuantizedLayer layer, List<ValueRef> vs) {
            boolean sameOffset = vs.stream().allMatch(v -> v.repr() == ValueRef.Repr.OFFSET
                    && v.offset().equals(vs.get(0).offset()) && v.type() == vs.get(0).type());
            boolean sameSigned = vs.stream().allMatch(v -> v.repr() == ValueRef.Repr.SIGNED && v.type() == vs.get(0).type());
            if (sameOffset || sameSigned) {
                return vs.stream().map(ValueRef::operand).toList();
            }
            ScalarType t = signedType(layer.bits());
            return vs.stream().map(v -> toSigned(v, t)).toList();
        }

        private static Domain domainOf(QuantizedLayer layer) {
            Producer p = layer.producer();
            if (p instanceof Producer.Dense d) {
                return d.domain();
            } else if (p instanceof Producer.Conv2D c) {
                return c.domain();
            } else if (p instanceof Producer.Affine a) {
                return a.domain();
            } else if (p instanceof Producer.Add a) {
                return a.domain();
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
            BigInteger lim = BigInteger.ONE.shiftLeft(bits - 1);
            return ScalarType.smallestSigned(lim.negate(), lim.subtract(BigInteger.ONE));
        }
    }

    /** A field element {@code value} standing for {@code value - offset}. */
    private record FieldTerm(Operand value, BigInteger offset) {
    }
}
