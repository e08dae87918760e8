package io.zkml.workbench.circuit;

/**
 * Size of a Varuna circuit as its verifying key records it. Deltas (per-instruction costs) use
 * the same record and may be negative in the non-zero counts.
 */
public record CircuitInfo(long constraints, long variables, long nonZeroA, long nonZeroB, long nonZeroC) {

    public static final CircuitInfo ZERO = new CircuitInfo(0, 0, 0, 0, 0);

    public CircuitInfo plus(CircuitInfo o) {
        return new CircuitInfo(constraints + o.constraints, variables + o.variables, nonZeroA + o.nonZeroA,
                nonZeroB + o.nonZeroB, nonZeroC + o.nonZeroC);
    }

    public CircuitInfo minus(CircuitInfo o) {
        return plus(o.times(-1));
    }

    public CircuitInfo times(long k) {
        return new CircuitInfo(constraints * k, variables * k, nonZeroA * k, nonZeroB * k, nonZeroC * k);
    }

    /** Divides a measured difference of {@code k} copies; exact division is expected and checked. */
    public CircuitInfo dividedBy(long k) {
        return new CircuitInfo(constraints / k, variables / k, nonZeroA / k, nonZeroB / k, nonZeroC / k);
    }

    public boolean divisibleBy(long k) {
        return constraints % k == 0 && variables % k == 0 && nonZeroA % k == 0 && nonZeroB % k == 0 && nonZeroC % k == 0;
    }

    /**
     * log2 of the powers-of-beta file snarkVM loads for this circuit. Varuna's indexer asks the
     * universal SRS for {@code max_degree + 1} powers (varuna.rs {@code batch_circuit_setup}:
     * {@code download_powers_for(0..max_degree)} and {@code trim(max_degree, ...)}), where
     * algorithms/src/snark/varuna/ahp/ahp.rs {@code AHPForR1CS::max_degree} is, with zero-knowledge
     * bound 1 and every domain the next power of two of its count,
     * <pre>max(2 |constraint domain|, 2 |variable domain|, |variable domain| + 3, |largest non-zero domain| - 1)</pre>
     * (the variable count includes the public inputs, as the verifying key's does). The file is
     * therefore four times the constraint or variable domain, or the largest non-zero domain,
     * whichever is larger: at most 16,384 constraints and variables and 65,536 non-zeros per
     * matrix fit the offline 2^16 parameters.
     * Consistent with every run measured: 13,310 and 13,963 constraints loaded 2^16, four programs
     * of 17,740 to 20,159 constraints (non-zeros below 47,000) asked for powers-of-beta-17
     * (RandomNetworkSnarkVmTest, 2026-11), and the 2-2-2 committed program (56,957 non-zeros in B)
     * ran on 2^16.
     */
    public int srsDegreeLog2() {
        long constraintDomain = domainSize(constraints);
        long variableDomain = domainSize(variables);
        long nonZeroDomain = domainSize(Math.max(nonZeroA, Math.max(nonZeroB, nonZeroC)));
        long maxDegree = Math.max(Math.max(2 * constraintDomain, 2 * variableDomain),
                Math.max(variableDomain + 3, nonZeroDomain - 1));
        return ceilLog2(maxDegree + 1);
    }

    /** EvaluationDomain::compute_size_of_domain: the next power of two. */
    private static long domainSize(long n) {
        return 1L << ceilLog2(Math.max(1, n));
    }

    private static int ceilLog2(long n) {
        return n <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(n - 1);
    }
}
