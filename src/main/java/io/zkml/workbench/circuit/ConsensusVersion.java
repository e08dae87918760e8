package io.zkml.workbench.circuit;

/** snarkVM consensus versions whose limits differ; the SDK 0.11.10 bundles rules up to V19. */
public enum ConsensusVersion {
    V1, V11, V14, V16, V17, V19;

    public static final ConsensusVersion LATEST = V19;
}
