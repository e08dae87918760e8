package io.zkml.workbench.circuit;

import io.zkml.workbench.codegen.ArrayType;
import io.zkml.workbench.codegen.IrType;
import io.zkml.workbench.codegen.ScalarType;

import java.util.Map;
import java.util.Optional;

/**
 * Prices private input arrays and their {@code hash.psd2} at any length from the nearest measured
 * length, by how snarkVM packs a plaintext into field elements: a 35-bit header, a fixed number of
 * bits per element, chunks of 252 data bits (docs/ENCODING.md, "Inputs and hashes"). Measured on
 * {@code [i16; n]} for n = 2…40 and on i8 and i32 arrays:
 * <ul>
 *   <li>an input costs (1, 1, 3, 3, 0) per value bit (constraints, variables, non-zeros of A, B, C),
 *       (5, 5, 23, 41, 5) per packed field element among the first eight, and
 *       {@link #INPUT_PER_BLOCK} per further block of eight (two Poseidon permutations);</li>
 *   <li>its Poseidon hash costs (0, 0, 1, 2, 0) per value bit and {@link #HASH_PER_PERMUTATION}
 *       per permutation of the rate-2 sponge, one per two field elements.</li>
 * </ul>
 * Element sizes in the packing, fitted to where the steps fall: 56 bits for i8 and i16, 80 for
 * i32 (others: 40 + the value bits; for field elements 293, fitted to the two measured
 * {@code [field; n]} hashes, which also decompose each element into bits). At lengths packing into more than eight field
 * elements the non-zeros can differ by a few entries ([i16; 40u32]: 9 in A, 18 in B), which is why
 * lengths beyond that are measured directly where a test needs them.
 */
final class PlaintextPacking {

    static final int DATA_BITS = 252;
    static final int HEADER_BITS = 35;
    static final CircuitInfo INPUT_PER_VALUE_BIT = new CircuitInfo(1, 1, 3, 3, 0);
    static final CircuitInfo INPUT_PER_FIELD = new CircuitInfo(5, 5, 23, 41, 5);
    static final CircuitInfo INPUT_PER_BLOCK = new CircuitInfo(1030, 1030, 4381, 7732, 1030);
    static final CircuitInfo HASH_PER_VALUE_BIT = new CircuitInfo(0, 0, 1, 2, 0);
    static final CircuitInfo HASH_PER_PERMUTATION = new CircuitInfo(275, 275, 998, 1721, 275);
    /** Each field element of a hashed [field; n] is decomposed into bits first (like cast.lossy: 507 constraints). */
    static final CircuitInfo HASH_PER_FIELD_ELEMENT = new CircuitInfo(507, 505, 1181, 1178, 671);
    static final CircuitInfo OUTPUT_PER_FIELD = new CircuitInfo(5, 5, 14, 23, 5);

    /**
     * Shapes that are not table entries but whose rule-based price a shipped measurement confirms in
     * all five counts (CostModelTest.everyMeasuredProbeIsPredictedExactly): priced by a rule verified
     * on that shape, so a prediction using them stays exact.
     */
    static final java.util.Set<String> VERIFIED = java.util.Set.of("input:[i8; 40u32]");

    private PlaintextPacking() {
    }

    /** Bits one element takes in the packing (fitted, see the class comment). */
    static int elementBits(ScalarType t) {
        return switch (t) {
            case I8, I16 -> 56;
            case I32 -> 80;
            default -> 40 + t.bits();
        };
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
        return INPUT_PER_VALUE_BIT.times(valueBits(t)).plus(INPUT_PER_FIELD.times(Math.min(f, 8)))
                .plus(INPUT_PER_BLOCK.times((f + 7) / 8 - 1));
    }

    static CircuitInfo hashRule(ArrayType t) {
        CircuitInfo perms = HASH_PER_PERMUTATION.times((fields(t) + 1) / 2);
        if (t.element() == ScalarType.FIELD) {
            // Fitted to [field; 2u32] and [field; 4u32] (293 packed bits per element assumed).
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
                .minus(PSD8_PER_FOLDED_SBOX.times(folded));
    }

    static final int PSD8_RATE = 8;
    static final CircuitInfo PSD8_PER_PERMUTATION = new CircuitInfo(515, 515, 2105, 3695, 515);
    static final CircuitInfo PSD8_PER_FOLDED_SBOX = new CircuitInfo(5, 5, 14, 23, 5);

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

    /** Outputs step by (5, 5, 14, 23, 5) per packed field element (measured on [i16; 2, 3, 4, 10u32] and [i32; 3u32]). */
    static CircuitInfo outputRule(ArrayType t) {
        return OUTPUT_PER_FIELD.times(fields(t));
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
        for (ScalarType s : ScalarType.values()) {
            if (s.aleo().equals(parts[0])) {
                return new ArrayType(s, Integer.parseInt(parts[1]));
            }
        }
        return null;
    }
}
