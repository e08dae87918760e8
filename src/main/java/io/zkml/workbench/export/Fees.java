package io.zkml.workbench.export;

import io.zkml.workbench.circuit.CircuitInfo;

import java.math.BigInteger;

/**
 * Aleo's fee formulas in microcredits (1 credit = 1,000,000), as snarkVM computes them
 * ({@code synthesizer/process/src/cost.rs} and {@code console/network/src/lib.rs} at ProvableHQ/snarkVM
 * 3d42aa04a058cd5f46a1880b421313e1c04a63dc):
 * <ul>
 *   <li>deployment = 1,000 per byte of the deployment + 25 per constraint and per variable summed over the
 *       program's functions + the namespace, 10^(10 - characters of the program name) credits;</li>
 *   <li>execution = storage, the transaction's size in bytes up to 5,000 and size² / 5,000 above, plus the
 *       finalize cost of the root transition (zero here: generated programs have no finalize).</li>
 * </ul>
 * The formulas are exact; their byte counts are what the caller can know: a deployment also holds a
 * verifying key and a certificate per function and snarkVM's own printing of the program, so a size from
 * the program text is a lower bound, said so where it is shown.
 */
public final class Fees {

    public static final long DEPLOYMENT_FEE_PER_BYTE = 1_000;
    public static final long SYNTHESIS_FEE_PER_UNIT = 25;
    public static final long EXECUTION_STORAGE_PENALTY_THRESHOLD = 5_000;
    public static final long EXECUTION_STORAGE_FEE_SCALING_FACTOR = 5_000;
    public static final long MICROCREDITS_PER_CREDIT = 1_000_000;

    private Fees() {
    }

    /** A deployment's fee and its three parts, in microcredits. */
    public record Deployment(String programId, long bytes, long storage, long synthesis, long namespace) {
        public long total() {
            return storage + synthesis + namespace;
        }
    }

    /** cost.rs {@code deployment_cost} for a program of {@code bytes} whose functions sum to {@code circuit}. */
    public static Deployment deployment(String programId, long bytes, CircuitInfo circuit) {
        String name = programId.endsWith(".aleo") ? programId.substring(0, programId.length() - 5) : programId;
        long synthesis = (circuit.constraints() + circuit.variables()) * SYNTHESIS_FEE_PER_UNIT;
        return new Deployment(programId, bytes, Math.multiplyExact(bytes, DEPLOYMENT_FEE_PER_BYTE), synthesis,
                namespace(name.length()));
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
