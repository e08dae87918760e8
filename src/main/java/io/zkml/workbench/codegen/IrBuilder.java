package io.zkml.workbench.codegen;

import java.util.ArrayList;
import java.util.List;

/**
 * Emits instructions in order, numbering registers as snarkVM expects and giving each a unique
 * Leo name {@code <layer>_<role>}. Not thread-safe; one builder per program.
 */
public final class IrBuilder {

    private final List<IrInput> inputs = new ArrayList<>();
    private final List<Instruction> body = new ArrayList<>();
    private final List<IrOutput> outputs = new ArrayList<>();
    /**
     * The names given out, and per base name that was taken the suffix to try next ({@link NameSet#remember}):
     * a layer emits tens of thousands of registers with the same role, and probing {@code _2, _3, …} from the
     * start each time made a fashion-cnn program quadratic to build (40 % of its compile time). Names are only
     * ever added, so every suffix below the remembered one is taken and the names come out exactly as before.
     */
    private final NameSet names;
    /** False for a program only priced and measured as Aleo text ({@link #unnamed}). */
    private final boolean named;
    /** {@link Identifiers#sanitize} results: the same few layer names and roles, sanitised per instruction by regex. */
    private final java.util.Map<String, String> sanitized = new java.util.HashMap<>();
    private final List<IrAssertion> assertions = new java.util.ArrayList<>();
    private IrCall call;
    private int nextRegister;
    private String layer = "input";
    /** {@code sanitize(prefixOf) + "_"}, the start of the names of {@link #layer}'s registers (null: none yet). */
    private String prefix;
    private String prefixOf;

    /** A builder whose registers get unique Leo names. */
    public IrBuilder() {
        this(true);
    }

    private IrBuilder(boolean named) {
        this.named = named;
        this.names = named ? new NameSet() : null;
    }

    /**
     * A builder whose registers get no Leo names ({@link Operand.Reg#name()} is then {@code r<index>}): for
     * a program that is only priced and measured as Aleo text, which names registers by number. Naming
     * tens of thousands of registers uniquely was a fifth of a chain search's time (fashion-cnn: every
     * candidate segment of every search), for names no one read.
     */
    public static IrBuilder unnamed() {
        return new IrBuilder(false);
    }

    /** Tags the following instructions with this model layer. */
    public IrBuilder layer(String layerName) {
        this.layer = layerName;
        return this;
    }

    public String currentLayer() {
        return layer;
    }

    public Operand.Reg input(String name, IrType type, Visibility visibility) {
        if (!body.isEmpty()) {
            throw new IllegalStateException("inputs must be declared before instructions");
        }
        Operand.Reg r = new Operand.Reg(nextRegister++, type, named ? uniqueName(Identifiers.sanitize(name)) : null);
        inputs.add(new IrInput(r, visibility));
        return r;
    }

    public Operand.Reg cast(Operand src, ScalarType to, String role) {
        return add(new Instruction.Cast(src, next(to, role), false, layer));
    }

    public Operand.Reg castLossy(Operand src, ScalarType to, String role) {
        return add(new Instruction.Cast(src, next(to, role), true, layer));
    }

    public Operand.Reg binary(BinaryOp op, Operand a, Operand b, String role) {
        ScalarType t = op.comparison() ? ScalarType.BOOLEAN : (ScalarType) a.type();
        return add(new Instruction.Binary(op, a, b, next(t, role), layer));
    }

    public Operand.Reg ternary(Operand condition, Operand ifTrue, Operand ifFalse, String role) {
        return add(new Instruction.Ternary(condition, ifTrue, ifFalse, next(ifTrue.type(), role), layer));
    }

    public Operand.Reg hash(Operand src, String role) {
        return add(new Instruction.Hash(src, next(ScalarType.FIELD, role), layer));
    }

    /** {@code hash.<algorithm> src as field} ({@code psd2} or {@code psd8}). */
    public Operand.Reg hash(Operand src, String algorithm, String role) {
        return add(new Instruction.Hash(src, next(ScalarType.FIELD, role), layer, algorithm));
    }

    public Operand.Reg array(List<? extends Operand> elements, String role) {
        ScalarType t = (ScalarType) elements.get(0).type();
        Operand.Reg dst = next(new ArrayType(t, elements.size()), role);
        return add(new Instruction.ArrayNew(List.copyOf(elements), dst, layer));
    }

    /**
     * Ends the body with a call of {@code program/function}: returns the registers its outputs land in
     * (one per type in {@code resultTypes}); no instruction may follow.
     */
    public List<Operand.Reg> call(String program, String function, List<? extends Operand> args,
                                  List<? extends IrType> resultTypes, List<String> resultNames) {
        if (call != null) {
            throw new IllegalStateException("a function makes at most one segment call");
        }
        List<Operand.Reg> results = new java.util.ArrayList<>();
        for (int i = 0; i < resultTypes.size(); i++) {
            results.add(new Operand.Reg(nextRegister++, resultTypes.get(i), named
                    ? uniqueName(Identifiers.sanitize(layer) + "_" + Identifiers.sanitize(resultNames.get(i))) : null));
        }
        call = new IrCall(program, function, List.copyOf(args), results, layer);
        return results;
    }

    public IrBuilder output(Operand value, Visibility visibility, String name) {
        outputs.add(new IrOutput(value, visibility, name));
        return this;
    }

    public IrBuilder assertEqual(Operand a, Operand b) {
        assertions.add(new IrAssertion(a, b, layer));
        return this;
    }

    /** Instructions emitted so far. */
    public int bodySize() {
        return body.size();
    }

    public IrProgram build(ProgramHeader header, String programName, String function) {
        return build(header, programName, function, null);
    }

    /** @param commitmentLayer the layer key of the weights' commitment instructions, or null */
    public IrProgram build(ProgramHeader header, String programName, String function, String commitmentLayer) {
        return new IrProgram(header, programName, function, inputs, body, outputs, assertions, commitmentLayer, call);
    }

    /**
     * The register the next instruction writes, named; {@link #add} then appends the instruction. Two steps
     * rather than a function from the register to the instruction: that was a lambda allocated per
     * instruction (fashion-cnn's partition search emits about a million per bit-width change).
     */
    private Operand.Reg next(IrType type, String role) {
        if (call != null) {
            throw new IllegalStateException("the segment call ends the body");
        }
        if (!named) {
            return new Operand.Reg(nextRegister, type, null);
        }
        if (layer != prefixOf) { // the layer's name sanitised once per run of its instructions, not per register
            prefixOf = layer;
            prefix = sanitize(layer) + "_";
        }
        return new Operand.Reg(nextRegister, type, uniqueName(prefix, sanitize(role)));
    }

    /** Appends {@code i}, which writes the register {@link #next} gave. */
    private Operand.Reg add(Instruction i) {
        body.add(i);
        nextRegister++;
        return i.dst();
    }

    private String sanitize(String raw) {
        if (raw == null) {
            return Identifiers.sanitize(null);
        }
        // The layer's name (spaces, capitals) once per builder; a role that is plain already (most: "p17")
        // is returned by sanitize at once, before a look-up in the map (hashing a fresh string) that misses,
        // and caching each of thousands of roles only filled a map.
        if (Identifiers.isPlain(raw)) {
            return Identifiers.sanitizePlain(raw); // isPlain asked once per register, not again inside sanitize
        }
        String s = sanitized.get(raw);
        if (s == null) {
            s = Identifiers.sanitize(raw);
            if (s != raw) { // kept only when sanitize made a new string: a plain one comes back as it is
                sanitized.put(raw, s);
            }
        }
        return s;
    }

    private String uniqueName(String base) {
        return uniqueName(base, "");
    }

    /**
     * {@code uniqueName(prefix + role)}, the two joined only into the name given out: a register of a role
     * already taken (most of a large layer's) is named {@code <prefix><role>_<n>} without first making
     * {@code <prefix><role>}.
     */
    private String uniqueName(String prefix, String role) {
        int remembered = names.addOrRemembered(prefix, role);
        if (remembered < 0) {
            return names.added();
        }
        int i = remembered == 0 ? 2 : remembered;
        String n = prefix + role + "_" + i;
        while (!names.add(n)) {
            n = prefix + role + "_" + ++i;
        }
        names.rememberFound(prefix, role, i + 1);
        return n;
    }
}
