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

    /** The largest of the sizes that set Varuna's evaluation domains. */
    public long largestDomain() {
        return Math.max(Math.max(constraints, variables), Math.max(nonZeroA, Math.max(nonZeroB, nonZeroC)));
    }

    /**
     * log2 of the universal SRS degree needed: the smallest power of two holding the largest
     * non-zero domain, and at least four times the constraint (or variable) domain. The second
     * rule is inferred, not read from snarkVM: programs of 13,310 and 13,963 constraints ran with
     * the 2^16 parameters, while four of 17,740 to 20,159 constraints (non-zeros below 47,000)
     * asked for powers-of-beta-17 (RandomNetworkSnarkVmTest, 2026-11); every probe measured
     * before stayed below 2^14 constraints, where both rules agree.
     */
    public int srsDegreeLog2() {
        long n = largestDomain();
        int byNonZeros = n <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(n - 1);
        long rows = Math.max(constraints(), variables());
        int byRows = rows <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(rows - 1) + 2;
        return Math.max(byNonZeros, byRows);
    }
}
