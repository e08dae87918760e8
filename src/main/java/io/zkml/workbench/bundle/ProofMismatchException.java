package io.zkml.workbench.bundle;

import io.zkml.workbench.WorkbenchException;

/**
 * snarkVM computed something other than the bit-exact simulator predicted. No bundle is written:
 * a proof of an output the model does not produce would mislead whoever checks it.
 */
public final class ProofMismatchException extends WorkbenchException {

    public ProofMismatchException(String message) {
        super(message);
    }
}
