package io.zkml.workbench.export;

/**
 * What running and publishing a compiled model costs in credits, as {@code zkml cost}, {@code export.json},
 * the dashboard and bench-chain show it; made from the one compiled model ({@link Fees}).
 *
 * @param executionBytes                     the execution's size in snarkVM's byte encoding, every transition and
 *                                           the batch proof (exact)
 * @param executionFeeMicrocredits           the fee of one execution: the storage cost of that size (exact; the
 *                                           generated programs have no finalize)
 * @param deploymentFeesEstimateMicrocredits every program's deployment fee together, <em>estimated</em> with the
 *                                           program text's characters as the deployment's bytes
 * @param deploymentEstimateErrorPercent     how far such an estimate was from snarkVM's own deployment cost, at
 *                                           most, where measured
 */
public record FeeSummary(long executionBytes, long executionFeeMicrocredits, long deploymentFeesEstimateMicrocredits,
                         int deploymentEstimateErrorPercent) {

    public static FeeSummary of(CompiledModel m) {
        Fees.Execution e = m.executionFee();
        return new FeeSummary(e.bytes(), e.total(), m.deploymentFeesEstimate(), Fees.DEPLOYMENT_ESTIMATE_ERROR_PERCENT);
    }

    /** "0.001281 credits per execution (1,281 bytes); deployment about 14.09 credits (estimate, ± 10 %)", for people. */
    public String describe() {
        return String.format(java.util.Locale.US, "execution %s credits (%,d bytes, exact); deployment about %s credits "
                        + "(estimate from the program text's characters, within ±%d %% of snarkVM's where measured)",
                Fees.credits(executionFeeMicrocredits), executionBytes, Fees.credits(deploymentFeesEstimateMicrocredits),
                deploymentEstimateErrorPercent);
    }
}
