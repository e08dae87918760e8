package io.zkml.workbench.export;

/**
 * Rough proving time and memory for a circuit, scaled from measurements on the development
 * machine (2 cores, shared; docs/SIDECAR.md and docs/PROVING.md). Varuna's work is set by its
 * evaluation domains, which are powers of two, so the estimate doubles per SRS degree above 2^16
 * and otherwise stays at the measured value.
 *
 * @param basis one sentence saying what the numbers were measured on
 */
public record ProvingEstimate(double synthesisSeconds, double provingSeconds, double peakMemoryMb, String basis) {

    /** Measured: SIDECAR.md probe (a), 11 713 constraints, SRS 2^16: synthesis + proof 56.3 s, one thread, load ~2. */
    static final double SYNTHESIS_AND_PROOF_S_AT_16 = 56.3;
    /** Measured: SIDECAR.md, proof with cached keys of the same probe, 36.5 s (busy machine, load ~7). */
    static final double PROOF_S_AT_16 = 36.5;
    /** Measured: peak resident memory (VmHWM) of the sidecar synthesizing and proving iris-tiny, 578 MB (docs/PROVING.md). */
    static final double PEAK_MB_AT_16 = 600;

    public static ProvingEstimate of(int srsDegreeLog2) {
        double scale = Math.pow(2, Math.max(0, srsDegreeLog2 - 16));
        return new ProvingEstimate((SYNTHESIS_AND_PROOF_S_AT_16 - PROOF_S_AT_16) * scale, PROOF_S_AT_16 * scale,
                PEAK_MB_AT_16 * scale,
                "measured on a shared 2-core machine at SRS 2^16 (an 11,713-constraint probe and iris-tiny; "
                        + "docs/SIDECAR.md, docs/PROVING.md), doubled per SRS degree above 2^16; keys are "
                        + "synthesized once per program and cached, so later proofs cost the proving time only");
    }
}
