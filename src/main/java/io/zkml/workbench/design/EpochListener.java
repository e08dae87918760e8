package io.zkml.workbench.design;

/** Hears the mean training loss after each epoch; called on the training thread. */
@FunctionalInterface
public interface EpochListener {

    void epochDone(int epoch, int epochs, double meanLoss);
}
