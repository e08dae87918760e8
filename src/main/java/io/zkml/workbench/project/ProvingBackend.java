package io.zkml.workbench.project;

/** What proves a run: the bundled snarkVM sidecar, or execution only (no proof, for quick checks). */
public enum ProvingBackend {
    SNARKVM_SIDECAR, EXECUTE_ONLY
}
