package io.zkml.workbench.design;

import io.zkml.workbench.WorkbenchException;

/**
 * How a designed network is trained: Adam with this learning rate, mini-batches of
 * {@code batchSize} rows shuffled each epoch, everything random derived from {@code seed}.
 */
public record RetrainSettings(int epochs, double learningRate, int batchSize, long seed) {

    public static final int DEFAULT_BATCH = 16;
    public static final long DEFAULT_SEED = 42;

    public RetrainSettings {
        if (epochs < 1) {
            throw new WorkbenchException("Train for at least one epoch, not " + epochs);
        }
        if (!(learningRate > 0) || learningRate > 1) {
            throw new WorkbenchException("The learning rate must be above 0 and at most 1, not " + learningRate);
        }
        if (batchSize < 1) {
            throw new WorkbenchException("The batch size must be at least 1, not " + batchSize);
        }
    }

    public static RetrainSettings of(int epochs, double learningRate) {
        return new RetrainSettings(epochs, learningRate, DEFAULT_BATCH, DEFAULT_SEED);
    }
}
