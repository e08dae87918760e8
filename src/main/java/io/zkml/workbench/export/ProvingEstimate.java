package io.zkml.workbench.export;

/**
 * Rough proving time and memory for a circuit, scaled from measurements on the development
 * machine (2 cores; docs/SIDECAR.md and docs/PROVING.md) with the sidecar as the workbench runs it,
 * its thread pool on every core. Varuna's work is set by its evaluation domains, which are powers of
 * two, so the estimate doubles per SRS degree above 2^16 and otherwise stays at the measured value.
 *
 * @param basis one sentence saying what the numbers were measured on
 */
public record ProvingEstimate(double synthesisSeconds, double provingSeconds, double peakMemoryMb, String basis) {

    /**
     * Measured 2026-12-07 with {@code zkml bench-prove} on the idle machine (load 0.8), 2 threads, fresh key
     * cache: key synthesis 20.4 s (iris-tiny, 12,716 constraints) and 22.8 s (wine-mlp, 16,332), both at
     * SRS 2^16; their mean. (The earlier figure, 56.3 s of synthesis and proof, was one thread's.)
     */
    static final double SYNTHESIS_S_AT_16 = 21.6;
    /** The same runs' proofs with the keys just made: 12.8 s and 15.3 s; their mean. */
    static final double PROOF_S_AT_16 = 14.1;
    /** Measured: peak resident memory (VmHWM) of the sidecar synthesizing and proving iris-tiny, 578 MB (docs/PROVING.md). */
    static final double PEAK_MB_AT_16 = 600;

    public static ProvingEstimate of(int srsDegreeLog2) {
        double scale = Math.pow(2, Math.max(0, srsDegreeLog2 - 16));
        return new ProvingEstimate(SYNTHESIS_S_AT_16 * scale, PROOF_S_AT_16 * scale, PEAK_MB_AT_16 * scale,
                "measured on an idle 2-core machine with the sidecar's thread pool on both cores, at SRS 2^16 "
                        + "(iris-tiny and wine-mlp: key synthesis 20-23 s, proof 13-15 s; docs/SIDECAR.md), doubled "
                        + "per SRS degree above 2^16; keys are synthesized once per program and cached, so later "
                        + "proofs cost the proving time only");
    }
}
