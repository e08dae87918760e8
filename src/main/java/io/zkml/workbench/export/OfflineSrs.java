package io.zkml.workbench.export;

/**
 * The offline SRS "limit" is not snarkVM's: a bigger circuit is fine once its parameter files are
 * downloaded. So exports and costs report it without refusing the model.
 */
final class OfflineSrs {

    private OfflineSrs() {
    }

    static boolean isOfflineSrs(String limit) {
        return limit.startsWith("offline SRS");
    }
}
