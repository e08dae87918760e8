package io.zkml.workbench.samples;

import io.zkml.workbench.data.Dataset;
import io.zkml.workbench.data.TaskKind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * A reproducible stratified split. Classification: each class contributes the same share of its
 * rows to the test set. Regression: rows are ranked by target and cut into consecutive groups of
 * {@code round(1/testFraction)}, one row per group going to test, so both halves span the whole
 * target range. Rows keep their original order within each half.
 */
public record TrainTestSplit(Dataset train, Dataset test) {

    public static TrainTestSplit stratified(Dataset data, double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("testFraction must be in (0, 1): " + testFraction);
        }
        Random random = new Random(seed);
        boolean[] isTest = new boolean[data.size()];
        for (List<Integer> stratum : strata(data, testFraction)) {
            List<Integer> shuffled = new ArrayList<>(stratum);
            Collections.shuffle(shuffled, random);
            int nTest = data.task() == TaskKind.CLASSIFICATION
                    ? (int) Math.round(stratum.size() * testFraction)
                    : 1;
            for (int i = 0; i < nTest; i++) {
                isTest[shuffled.get(i)] = true;
            }
        }
        int[] test = IntStream.range(0, data.size()).filter(i -> isTest[i]).toArray();
        int[] train = IntStream.range(0, data.size()).filter(i -> !isTest[i]).toArray();
        return new TrainTestSplit(data.subset(train), data.subset(test));
    }

    private static List<List<Integer>> strata(Dataset data, double testFraction) {
        List<List<Integer>> strata = new ArrayList<>();
        if (data.task() == TaskKind.CLASSIFICATION) {
            for (int c = 0; c < data.numClasses(); c++) {
                int cls = c;
                strata.add(IntStream.range(0, data.size())
                        .filter(i -> data.labels()[i] == cls).boxed().toList());
            }
            return strata;
        }
        int group = (int) Math.round(1 / testFraction);
        // Ties broken by row index so the ranking, and hence the split, never depends on sort stability.
        Integer[] order = IntStream.range(0, data.size()).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> data.targets()[i]).thenComparingInt(i -> i));
        for (int start = 0; start < order.length; start += group) {
            strata.add(List.of(order).subList(start, Math.min(start + group, order.length)));
        }
        return strata;
    }
}
