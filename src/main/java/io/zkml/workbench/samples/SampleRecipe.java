package io.zkml.workbench.samples;

import io.zkml.workbench.data.Dataset;
import io.zkml.workbench.data.DatasetException;
import org.deeplearning4j.nn.api.Model;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * How one sample is trained. Everything random is derived from {@code seed} (weight init, epoch
 * shuffling) or the split's own fixed seed, so a recipe always yields the same model.
 *
 * @param pixelMax       for {@link NormalizerKind#MIN_MAX}, the pixel scale's top (0..pixelMax maps
 *                       to 0..1); unused otherwise
 * @param testCsvPerClass 0: the whole test split is committed, with the training split; otherwise
 *                       only the first this many test rows of each class are (the training split
 *                       and the rest stay with the source, which is too large to commit)
 * @param network        builds the initialised network from the recipe and the raw training split
 */
record SampleRecipe(
        String name,
        SplitSource split,
        NormalizerKind normalizer,
        float pixelMax,
        long seed,
        int epochs,
        int batchSize,
        double learningRate,
        int testCsvPerClass,
        BiFunction<SampleRecipe, Dataset, Model> network) {

    SampleRecipe {
        if (normalizer == NormalizerKind.MIN_MAX && !(pixelMax > 0)) {
            throw new IllegalArgumentException(name + ": a min-max normaliser needs the pixel scale");
        }
    }

    /** Where a recipe's train/test split comes from. */
    @FunctionalInterface
    interface SplitSource {
        /** @param fashionMnist the Fashion-MNIST folder when one was given, else the default places */
        TrainTestSplit load(Optional<Path> fashionMnist) throws DatasetException;
    }

    Model buildNetwork(Dataset rawTrain) {
        return network.apply(this, rawTrain);
    }
}
