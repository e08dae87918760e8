package io.zkml.workbench.prove;

/**
 * One finished sidecar request, as a {@link SidecarClient}'s call listener hears of it: what a
 * caller that accounts for snarkVM's work (the test run's tally, a benchmark) needs without
 * wrapping every method.
 *
 * @param op          the sidecar operation (execute, prove, verify, synthesize, proveChain, …); on the
 *                    client's DEBUG log only, also "start" for a new sidecar process (time 0: the start is
 *                    in the time of the request that needed it)
 * @param millis      wall time from sending the request to its answer or failure
 * @param synthesisMs the key synthesis inside it, as the sidecar reports it (0: the keys were cached,
 *                    or the operation synthesizes nothing)
 * @param synthesized how many functions' keys it synthesized (a chain's request may make several)
 * @param failed      the request ended in an error (a refused input, a killed or timed-out sidecar)
 */
public record SidecarCall(String op, long millis, long synthesisMs, int synthesized, boolean failed) {
}
