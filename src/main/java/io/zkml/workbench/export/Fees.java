package io.zkml.workbench.export;

import io.zkml.workbench.circuit.CircuitInfo;
import io.zkml.workbench.codegen.ArrayType;
import io.zkml.workbench.codegen.IrProgram;
import io.zkml.workbench.codegen.IrType;
import io.zkml.workbench.codegen.ScalarType;
import io.zkml.workbench.codegen.Visibility;

import java.math.BigInteger;
import java.util.List;

/**
 * Aleo's fee formulas in microcredits (1 credit = 1,000,000), as snarkVM computes them
 * ({@code synthesizer/process/src/cost.rs}, {@code console/network/src/lib.rs}):
 * <ul>
 *   <li>execution = storage, the execution's size in bytes up to 5,000 and size² / 5,000 above, plus the
 *       finalize cost (zero here: generated programs have no finalize). The size is exact
 *       ({@link #executionBytes}): snarkVM's byte encoding of each transition (version, id, program and
 *       function names, inputs, outputs, transition key and commitments) and of the execution (version,
 *       transition count, state root, the batch proof). Equal to what the shipped SDK's
 *       {@code estimateExecutionFee} computes, on one program and on chains (FeesSnarkVmTest);</li>
 *   <li>deployment = 1,000 per byte of the deployment + synthesis per constraint and variable of every
 *       function + the namespace, 10^(10 - characters of the program name) credits. Only an
 *       <em>estimate</em> here ({@link #deploymentEstimate}): snarkVM sizes the binary encoding of the program
 *       with a verifying key and certificate per function, and counts the circuit's constants among the
 *       variables, neither of which the workbench computes; the estimate takes the program text's
 *       characters as its bytes. Measured error against snarkVM in {@link #DEPLOYMENT_ESTIMATE_ERROR_PERCENT}.</li>
 * </ul>
 */
public final class Fees {

    public static final long DEPLOYMENT_FEE_PER_BYTE = 1_000;
    /**
     * Microcredits per constraint and per variable at the consensus rules the sidecar runs (block height
     * 20,000,000, past every upgrade); 25 under the genesis rules (block height 1). Measured on
     * iris_tiny_s1.aleo: 3.009520 credits at 20,000,000 and 3.766000 at 1, i.e. 31,520 units (snarkVM counts
     * the circuit's constants among the variables, which the prediction lacks) and 1,978 bytes.
     */
    public static final long SYNTHESIS_FEE_PER_UNIT = 1;
    public static final long EXECUTION_STORAGE_PENALTY_THRESHOLD = 5_000;
    public static final long EXECUTION_STORAGE_FEE_SCALING_FACTOR = 5_000;
    public static final long MICROCREDITS_PER_CREDIT = 1_000_000;

    /**
     * The execution's own bytes: version (1), transition count (1), global state root (32), proof flag (1),
     * and the batch proof's fixed part (469, measured: snarkVM's Varuna proof of one circuit is 469 + 488 bytes).
     */
    static final int EXECUTION_BASE_BYTES = 1 + 1 + 32 + 1 + 469;
    /**
     * A transition's fixed bytes: version (1), id (32), the program id's two length bytes and ".aleo"'s
     * "aleo" (1 + 1 + 4), the function name's length byte (1), input and output counts (1 + 1), transition
     * public key, commitment and signer commitment (3 × 32); and its circuit's part of the batch proof (488).
     */
    static final int TRANSITION_BASE_BYTES = 1 + 32 + 1 + 1 + 4 + 1 + 1 + 1 + 3 * 32 + 488;

    /**
     * The error the deployment estimate is held to, in percent, said wherever the estimate is shown. Measured
     * against snarkVM (docs/ENCODING.md "Fees"): iris-tiny +5.2 % (14.091423 against 13.396288 credits),
     * iris_tiny_s1 +1.5 % (3.055419 against 3.009520); FeesSnarkVmTest keeps iris-tiny within it. Programs
     * above SRS 2^16 cannot be priced offline, so their error is not measured.
     */
    public static final int DEPLOYMENT_ESTIMATE_ERROR_PERCENT = 10;

    private Fees() {
    }

    /** A deployment's estimated fee and its three parts, in microcredits. */
    public record Deployment(String programId, long bytes, long storage, long synthesis, long namespace) {
        public long total() {
            return storage + synthesis + namespace;
        }
    }

    /**
     * An execution's fee: its size in bytes, the storage cost of that size and the finalize cost (zero for
     * the generated programs), in microcredits.
     */
    public record Execution(long bytes, long storage, long finalizeCost) {
        public long total() {
            return storage + finalizeCost;
        }
    }

    /**
     * cost.rs {@code deployment_cost} with the program text's characters as the deployment's bytes and the
     * predicted constraints and variables as the synthesis units: an estimate (see the class comment).
     */
    public static Deployment deploymentEstimate(String programId, long characters, CircuitInfo circuit) {
        String name = programId.endsWith(".aleo") ? programId.substring(0, programId.length() - 5) : programId;
        long synthesis = (circuit.constraints() + circuit.variables()) * SYNTHESIS_FEE_PER_UNIT;
        return new Deployment(programId, characters, Math.multiplyExact(characters, DEPLOYMENT_FEE_PER_BYTE), synthesis,
                namespace(name.length()));
    }

    /** The fee of one execution whose transitions are {@code transitions} (a chain's, in any order). */
    public static Execution execution(List<IrProgram> transitions) {
        long bytes = executionBytes(transitions);
        return new Execution(bytes, executionStorage(bytes), 0);
    }

    /** The execution's size in snarkVM's byte encoding, with its proof. */
    public static long executionBytes(List<IrProgram> transitions) {
        long bytes = EXECUTION_BASE_BYTES;
        for (IrProgram p : transitions) {
            bytes += transitionBytes(p);
        }
        return bytes;
    }

    /** One transition's bytes in an execution, with its circuit's part of the batch proof. */
    public static long transitionBytes(IrProgram p) {
        long bytes = TRANSITION_BASE_BYTES + p.programName().length() + p.function().length();
        for (var in : p.inputs()) {
            bytes += valueBytes(in.reg().type(), in.visibility());
        }
        for (var out : p.outputs()) {
            bytes += valueBytes(out.value().type(), out.visibility());
        }
        return bytes;
    }

    /**
     * A transition input's or output's bytes: variant (1), its hash or commitment (32), a presence flag (1),
     * then the plaintext (public) or the ciphertext (private: a u16 count and 32 bytes per field element).
     */
    static long valueBytes(IrType type, Visibility visibility) {
        long value = visibility == Visibility.PUBLIC ? plaintextBytes(type) : 2 + 32L * ciphertextFields(type);
        return 1 + 32 + 1 + value;
    }

    /** Plaintext::write_le: a literal is a variant byte, a u16 type tag and its value; an array adds a u32 length and a u16 size per element. */
    static long plaintextBytes(IrType type) {
        if (type instanceof ArrayType a) {
            return 1 + 4 + (long) a.length() * (2 + plaintextBytes(a.element()));
        }
        return 1 + 2 + literalBytes((ScalarType) type);
    }

    /**
     * Field elements of a private value's ciphertext: the plaintext's bits (a literal: 2 variant bits, an
     * 8-bit type tag, a 16-bit size and its value; an array: 2 variant bits, a 32-bit length and a 16-bit size
     * per element) plus a terminus bit, 252 data bits per field element.
     */
    static long ciphertextFields(IrType type) {
        return (plaintextBits(type) + 1 + 251) / 252;
    }

    private static long plaintextBits(IrType type) {
        if (type instanceof ArrayType a) {
            return 2 + 32 + (long) a.length() * (16 + plaintextBits(a.element()));
        }
        ScalarType s = (ScalarType) type;
        return 2 + 8 + 16 + (s == ScalarType.FIELD ? 253 : s.bits());
    }

    private static long literalBytes(ScalarType s) {
        return switch (s) {
            case BOOLEAN -> 1;
            case FIELD -> 32;
            default -> s.bits() / 8;
        };
    }

    /** 10^(10 - characters) credits (saturating at one credit for ten characters or more). */
    public static long namespace(int characters) {
        int exponent = Math.max(0, 10 - characters);
        return BigInteger.TEN.pow(exponent).multiply(BigInteger.valueOf(MICROCREDITS_PER_CREDIT)).longValueExact();
    }

    /** cost.rs {@code execution_storage_cost}: bytes up to the threshold, quadratic above it. */
    public static long executionStorage(long bytes) {
        return bytes > EXECUTION_STORAGE_PENALTY_THRESHOLD
                ? Math.multiplyExact(bytes, bytes) / EXECUTION_STORAGE_FEE_SCALING_FACTOR : bytes;
    }

    /** Microcredits as credits, for people. */
    public static String credits(long microcredits) {
        return new java.math.BigDecimal(microcredits).movePointLeft(6).stripTrailingZeros().toPlainString();
    }
}
