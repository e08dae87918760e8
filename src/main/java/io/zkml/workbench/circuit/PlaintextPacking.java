package io.zkml.workbench.circuit;

import io.zkml.workbench.codegen.ArrayType;
import io.zkml.workbench.codegen.IrType;
import io.zkml.workbench.codegen.ScalarType;

import java.util.Map;
import java.util.Optional;

/**
 * Prices private input arrays, their Poseidon hashes and public outputs at any length from a measured
 * anchor, by snarkVM's own packing (circuit/program/src/data/plaintext, request/verify.rs; docs/ENCODING.md,
 * "Inputs, hashes and outputs"): a plaintext array is written as bits — a 2-bit variant and a u32 length,
 * then per element a u16 bit length, a 2-bit variant, a u8 literal variant, a u16 size and the value's
 * bits — then one terminus bit, and packed into field elements of 252 data bits. So an array of n
 * elements of b value bits takes ceil((35 + n (42 + b)) / 252) field elements; every bit but the value's
 * is a constant. A private input is witnessed bit by bit, encrypted with one psd8 randomizer per field
 * element and its ciphertext hashed with psd8 (rate 8):
 * <ul>
 *   <li>each value bit costs (1, 1, 3, 3, 0) (constraints, variables, non-zeros of A, B, C): its boolean
 *       witness and its term in the first S-box of the ciphertext hash;</li>
 *   <li>each field element of the first block of eight costs (5, 5, 23, 41, 5): the S-box the ciphertext
 *       hash no longer folds, whose input now also holds the randomizer's 9 terms;</li>
 *   <li>each further block of eight costs {@link #INPUT_PER_BLOCK} (a squeeze permutation for its randomizers
 *       and an absorb permutation of the ciphertext hash, both full) and each field element beyond the
 *       eighth {@link #INPUT_PER_LATER_FIELD} (its randomizer's 9 terms in an S-box that runs anyway).</li>
 * </ul>
 * Its Poseidon hash costs (0, 0, 1, 2, 0) per value bit and {@link #HASH_PER_PERMUTATION} per permutation
 * of the rate-2 sponge, one per two field elements. The rule was verified, not fitted: every measured shape
 * (issue #17's sweep: {@code calibration-measurements.jsonl}, "sweep:" probes) is predicted in all five
 * counts from any other ({@code CostModelTest}); {@link #verified} says which shapes that covers.
 */
final class PlaintextPacking {

    static final int DATA_BITS = 252;
    /** The array's 2-bit variant and u32 length, and the terminus bit. */
    static final int HEADER_BITS = 35;
    /** Per element: u16 bit length, 2-bit variant, u8 literal variant, u16 literal size. */
    static final int ELEMENT_HEADER_BITS = 42;
    static final CircuitInfo INPUT_PER_VALUE_BIT = new CircuitInfo(1, 1, 3, 3, 0);
    static final CircuitInfo INPUT_PER_FIELD = new CircuitInfo(5, 5, 23, 41, 5);
    static final CircuitInfo INPUT_PER_LATER_FIELD = new CircuitInfo(0, 0, 9, 18, 0);
    /** Two full psd8 permutations, without the block's field elements (each {@link #INPUT_PER_LATER_FIELD}). */
    static final CircuitInfo INPUT_PER_BLOCK = new CircuitInfo(1030, 1030, 4372, 7714, 1030);
    static final int PSD8_BLOCK = 8;
    static final CircuitInfo HASH_PER_VALUE_BIT = new CircuitInfo(0, 0, 1, 2, 0);
    static final CircuitInfo HASH_PER_PERMUTATION = new CircuitInfo(275, 275, 998, 1721, 275);
    /** Each field element of a hashed [field; n] is decomposed into bits first (like cast.lossy: 507 constraints). */
    static final CircuitInfo HASH_PER_FIELD_ELEMENT = new CircuitInfo(507, 505, 1181, 1178, 671);
    static final CircuitInfo OUTPUT_PER_FIELD = new CircuitInfo(5, 5, 14, 23, 5);

    private PlaintextPacking() {
    }

    /** Bits one element takes in the packing: its header and its value. */
    static int elementBits(ScalarType t) {
        return ELEMENT_HEADER_BITS + t.bits();
    }

    /** Field elements snarkVM packs an array of type {@code t} into. */
    static long fields(ArrayType t) {
        long bits = HEADER_BITS + (long) t.length() * elementBits(t.element());
        return (bits + DATA_BITS - 1) / DATA_BITS;
    }

    static long valueBits(ArrayType t) {
        return (long) t.length() * t.element().bits();
    }

    static CircuitInfo inputRule(ArrayType t) {
        long f = fields(t);
        long blocks = (f + PSD8_BLOCK - 1) / PSD8_BLOCK;
        return INPUT_PER_VALUE_BIT.times(valueBits(t)).plus(INPUT_PER_FIELD.times(Math.min(f, PSD8_BLOCK)))
                .plus(INPUT_PER_BLOCK.times(blocks - 1)).plus(INPUT_PER_LATER_FIELD.times(Math.max(0, f - PSD8_BLOCK)));
    }

    static CircuitInfo hashRule(ArrayType t) {
        CircuitInfo perms = HASH_PER_PERMUTATION.times((fields(t) + 1) / 2);
        if (t.element() == ScalarType.FIELD) {
            // Fitted to [field; 2u32] and [field; 4u32].
            return HASH_PER_FIELD_ELEMENT.times(t.length()).plus(perms);
        }
        return HASH_PER_VALUE_BIT.times(valueBits(t)).plus(perms);
    }

    /**
     * {@code hash.psd8} (rate 8, width 9, S-box x^17 = 5 constraints; 8 full rounds of 9 S-boxes and 31
     * partial rounds = 103 S-boxes, 515 constraints per permutation): the value's bits as for psd2, one
     * permutation per eight packed field elements, less the first round's S-boxes on constants (the
     * capacity and the rate slots the plaintext leaves empty), which fold. Measured on [u128; 8u32] (6 field
     * elements, 3 folded: 500 constraints beyond its bits) and [u128; 4u32] (3 elements, 6 folded: 485); the
     * two give a folded S-box's non-zeros (A 14, B 23) and so a full permutation's. Exact up to 8 field
     * elements (about 11 u128 elements); beyond, a second permutation is priced at the full permutation's
     * count (2^17 probes, not measurable offline).
     */
    static CircuitInfo hash8Rule(ArrayType t) {
        long f = fields(t);
        long perms = (f + PSD8_RATE - 1) / PSD8_RATE;
        long folded = 1 + Math.max(0, PSD8_RATE - f);
        return HASH_PER_VALUE_BIT.times(valueBits(t)).plus(PSD8_PER_PERMUTATION.times(perms))
                .plus(PSD8_LATER_PERMUTATION_TERMS.times(perms - 1)).minus(PSD8_PER_FOLDED_SBOX.times(folded));
    }

    /**
     * A psd8 permutation after the first: each of its nine first-round S-boxes takes the previous
     * permutation's state, a linear combination of 9 S-box outputs, where the first one's took constants
     * and the plaintext (9 more terms in A, 18 in B, each). The input rule's {@link #INPUT_PER_BLOCK} is two
     * such permutations: (1,030, 1,030, 2 × (2,105 + 81), 2 × (3,695 + 162), 1,030).
     */
    static final CircuitInfo PSD8_LATER_PERMUTATION_TERMS = new CircuitInfo(0, 0, 81, 162, 0);

    static final int PSD8_RATE = 8;
    static final CircuitInfo PSD8_PER_PERMUTATION = new CircuitInfo(515, 515, 2105, 3695, 515);
    static final CircuitInfo PSD8_PER_FOLDED_SBOX = new CircuitInfo(5, 5, 14, 23, 5);

    /** The element types and the largest packed size the measurements cover, per rule; {@code PackingRuleTest} checks them. */
    record Range(java.util.Set<ScalarType> elements, long maxFields) {
    }

    /** The largest packed size a measured input had (three psd8 blocks); longer inputs are estimated. */
    static final long MAX_VERIFIED_INPUT_FIELDS = 19;
    /** The largest packed size of a measured array output. */
    static final long MAX_VERIFIED_OUTPUT_FIELDS = 10;
    /** The largest packed size of a measured hash.psd8 (of u128 arrays, the packed weights). */
    static final long MAX_VERIFIED_PSD8_FIELDS = 11;
    private static final Range INPUTS = new Range(
            java.util.EnumSet.of(ScalarType.I8, ScalarType.I16, ScalarType.I32, ScalarType.U128), MAX_VERIFIED_INPUT_FIELDS);
    /**
     * Shapes outside those ranges whose price snarkVM confirmed in all five counts on a whole program:
     * iris-tiny's chain cut after layer0 hands its second program the activation as {@code [u32; 4u32]}
     * ({@code ChainProofSnarkVmTest} on every run; recorded in {@code golden/snarkvm/chains}).
     */
    static final java.util.Set<String> CONFIRMED = java.util.Set.of("input:[u32; 4u32]");
    /** A second input's own measurements reach 11 field elements ([u128; 16u32]). */
    static final Map<String, Range> VERIFIED_RANGES = Map.of("input:", INPUTS,
            "input2:", new Range(INPUTS.elements(), 11),
            "output:", new Range(java.util.EnumSet.of(ScalarType.I16, ScalarType.I32), MAX_VERIFIED_OUTPUT_FIELDS),
            "hash.psd8:", new Range(java.util.EnumSet.of(ScalarType.U128), MAX_VERIFIED_PSD8_FIELDS));

    /**
     * Whether the rule that prices {@code key} (an "input:", "input2:", "hash.…:" or "output:" cost key of
     * an array) was verified by measurements on a shape like it: the same element type and a packed size
     * within the measured range. Only such a shape may count as exact when it is not itself measured.
     */
    static boolean verified(String key) {
        if (CONFIRMED.contains(key)) {
            return true;
        }
        int colon = key.indexOf(":[");
        if (colon < 0) {
            return false;
        }
        ArrayType t = parse(key.substring(colon + 1));
        if (t == null) {
            return false;
        }
        Range r = VERIFIED_RANGES.get(key.substring(0, colon + 1));
        return r != null && r.elements().contains(t.element()) && fields(t) <= r.maxFields();
    }

    /**
     * The largest error, in constraints, of the price of an estimated shape {@code key} (one {@link #verified}
     * does not cover). The rule prices every shape by snarkVM's packing; what no probe confirmed for such a
     * shape is where its chunk and block boundaries fall (an element type whose header differs, or blocks
     * beyond the measured ones). Misplacing a boundary is the error issue #17 found ({@code [i8; 6u32]}: one
     * field element); so the bound is one packed field element and one Poseidon block (the permutations a
     * block adds) for every block beyond the verified range, at least one. Docs: ENCODING.md, "Estimates".
     */
    static long errorBound(String key) {
        int colon = key.indexOf(':');
        IrType t = colon < 0 ? null : parseType(key.substring(colon + 1));
        String prefix = colon < 0 ? key : key.substring(0, colon + 1);
        long f = t instanceof ArrayType a ? fields(a) : 1;
        Range r = VERIFIED_RANGES.get(prefix);
        long beyond = f - (r == null ? 0 : r.maxFields());
        long blocks = Math.max(1, (beyond + PSD8_BLOCK - 1) / PSD8_BLOCK);
        return switch (prefix) {
            case "input:", "input2:" -> blocks * (INPUT_PER_FIELD.constraints() + INPUT_PER_BLOCK.constraints());
            case "hash.psd2:" -> (t instanceof ArrayType a && a.element() == ScalarType.FIELD
                    ? HASH_PER_FIELD_ELEMENT.constraints() : 0) + HASH_PER_PERMUTATION.constraints();
            case "hash.psd8:" -> blocks * (PSD8_PER_FOLDED_SBOX.constraints() + PSD8_PER_PERMUTATION.constraints());
            case "output:" -> blocks * (OUTPUT_PER_FIELD.constraints() + PSD8_PER_PERMUTATION.constraints());
            // A call's caller side moves like an input (its arguments) and an output (its results).
            case "call:" -> INPUT_PER_FIELD.constraints() + INPUT_PER_BLOCK.constraints()
                    + OUTPUT_PER_FIELD.constraints() + PSD8_PER_PERMUTATION.constraints();
            default -> throw new IllegalArgumentException("no packing rule prices " + key);
        };
    }

    private static IrType parseType(String aleo) {
        ArrayType a = parse(aleo);
        if (a != null) {
            return a;
        }
        for (ScalarType s : ScalarType.values()) {
            if (s.aleo().equals(aleo)) {
                return s;
            }
        }
        return null;
    }

    /** An input ({@code prefix} "input:" or "input2:") of type {@code t}. */
    static Optional<CircuitInfo> input(CostTable table, String prefix, IrType t) {
        return fromAnchor(table, prefix, t, Rule.INPUT);
    }

    static Optional<CircuitInfo> hash(CostTable table, IrType t) {
        return hash(table, "psd2", t);
    }

    /** {@code hash.psd2} or {@code hash.psd8} of a value of type {@code t}, from the same algorithm's measured entries. */
    static Optional<CircuitInfo> hash(CostTable table, String algorithm, IrType t) {
        return fromAnchor(table, "hash." + algorithm + ":", t, algorithm.equals("psd8") ? Rule.HASH8 : Rule.HASH);
    }

    /** A public output's base cost (its variable terms are added by the cost model). */
    static Optional<CircuitInfo> output(CostTable table, IrType t) {
        return fromAnchor(table, "output:", t, Rule.OUTPUT);
    }

    /**
     * A public output's hash is psd8 of (function id, the output's field elements, tcm, index): the id and
     * index are constants, tcm a variable. Its first block of eight holds the id, then up to seven further
     * entries, each variable one an S-box the hash no longer folds, (5, 5, 14, 23, 5); every further block
     * is one full permutation ({@link #PSD8_PER_PERMUTATION} with {@link #PSD8_LATER_PERMUTATION_TERMS}); tcm
     * in a later block adds nothing measurable ([i32; 20u32], [i16; 40u32] outputs). Up to five field
     * elements this is (5, 5, 14, 23, 5) per field element (measured on [i16; 2, 3, 4, 10u32] and [i32; 3u32]).
     */
    static CircuitInfo outputRule(ArrayType t) {
        long f = fields(t);
        long entries = f + 3;
        long variableInFirstBlock = Math.min(f, PSD8_BLOCK - 1) + (f + 1 < PSD8_BLOCK ? 1 : 0);
        long laterBlocks = (entries + PSD8_BLOCK - 1) / PSD8_BLOCK - 1;
        CircuitInfo c = OUTPUT_PER_FIELD.times(variableInFirstBlock - 1)
                .plus(PSD8_PER_PERMUTATION.plus(PSD8_LATER_PERMUTATION_TERMS).times(laterBlocks));
        return c;
    }

    private enum Rule { INPUT, HASH, HASH8, OUTPUT }

    /**
     * The measured entry {@code prefix + t}, or the measured array of the same element type (else
     * any) nearest in length, moved along the rule.
     */
    private static Optional<CircuitInfo> fromAnchor(CostTable table, String prefix, IrType t, Rule rule) {
        Optional<CircuitInfo> exact = table.cost(prefix + t.aleo());
        if (exact.isPresent() || !(t instanceof ArrayType target)) {
            return exact;
        }
        ArrayType best = null;
        for (Map.Entry<String, CircuitInfo> e : table.costs().entrySet()) {
            ArrayType a = e.getKey().startsWith(prefix + "[") ? parse(e.getKey().substring(prefix.length())) : null;
            // Integer arrays move along the rule between element types; a field element is packed from
            // its 253-bit decomposition, so field arrays only move from a measured field array.
            boolean comparable = a != null && (a.element() == target.element()
                    || (a.element().isInteger() && target.element().isInteger()));
            if (comparable && (best == null || closer(a, best, target))) {
                best = a;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        CircuitInfo anchor = table.cost(prefix + best.aleo()).orElseThrow();
        CircuitInfo move = switch (rule) {
            case INPUT -> inputRule(target).minus(inputRule(best));
            case HASH -> hashRule(target).minus(hashRule(best));
            case HASH8 -> hash8Rule(target).minus(hash8Rule(best));
            case OUTPUT -> outputRule(target).minus(outputRule(best));
        };
        return Optional.of(anchor.plus(move));
    }

    private static boolean closer(ArrayType a, ArrayType best, ArrayType target) {
        boolean aSame = a.element() == target.element();
        boolean bestSame = best.element() == target.element();
        if (aSame != bestSame) {
            return aSame;
        }
        int da = Math.abs(a.length() - target.length());
        int db = Math.abs(best.length() - target.length());
        if (da != db) {
            return da < db;
        }
        // A tie (e.g. [i8; 4u32] and [i16; 4u32] for a [u8; 4u32]) is decided by the nearer element width,
        // then by name: the table's map has no fixed order, and the pick must not change between runs.
        int wa = Math.abs(a.element().bits() - target.element().bits());
        int wb = Math.abs(best.element().bits() - target.element().bits());
        return wa != wb ? wa < wb : a.aleo().compareTo(best.aleo()) < 0;
    }

    /** Parses {@code [i16; 12u32]}; null for anything else. */
    static ArrayType parse(String aleo) {
        if (!aleo.startsWith("[") || !aleo.endsWith("u32]")) {
            return null;
        }
        String[] parts = aleo.substring(1, aleo.length() - 4).split("; ");
        // Other cost keys also start with '[' and end in "u32]" (a chain call's "[i16; 10u32]->[i16; 3u32]"):
        // anything but one element type and one length is not an array shape of this rule.
        if (parts.length != 2 || !parts[1].matches("[0-9]{1,9}")) {
            return null;
        }
        for (ScalarType s : ScalarType.values()) {
            if (s.aleo().equals(parts[0])) {
                return new ArrayType(s, Integer.parseInt(parts[1]));
            }
        }
        return null;
    }
}
