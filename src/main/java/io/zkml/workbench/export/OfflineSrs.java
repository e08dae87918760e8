package io.zkml.workbench.export;

import io.zkml.workbench.circuit.LimitViolation;

/**
 * The offline SRS "limit" is not snarkVM's: a bigger circuit is fine once its parameter files are
 * downloaded. So exports and costs report it without refusing the model.
 */
final class OfflineSrs {

    private OfflineSrs() {
    }

    static boolean isOfflineSrs(LimitViolation v) {
        return v.limit().startsWith("offline SRS");
    }
}
