package io.zkml.workbench.samples;

import io.zkml.workbench.data.Dataset;
import org.deeplearning4j.nn.api.Model;

import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * How one sample is trained. Everything random is derived from {@code seed} (weight init, epoch
 * shuffling) or {@code splitSeed} (train/test split), so a recipe always yields the same model.
 *
 * @param network builds the initialised network from the recipe and the raw training split
 */
record SampleRecipe(
        String name,
        Supplier<Dataset> source,
        NormalizerKind normalizer,
        long splitSeed,
        long seed,
        int epochs,
        int batchSize,
        double learningRate,
        BiFunction<SampleRecipe, Dataset, Model> network) {

    Model buildNetwork(Dataset rawTrain) {
        return network.apply(this, rawTrain);
    }
}
