package io.zkml.workbench.samples;

import io.zkml.workbench.data.Dataset;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainTestSplitTest {

    @Test
    void classificationSplitKeepsClassProportions() {
        Dataset iris = SourceDatasets.iris();
        TrainTestSplit split = TrainTestSplit.stratified(iris, 0.2, 1);
        assertEquals(120, split.train().size());
        assertEquals(30, split.test().size());
        for (int c = 0; c < 3; c++) {
            int cls = c;
            assertEquals(10, Arrays.stream(split.test().labels()).filter(l -> l == cls).count());
        }
        assertEquals(iris.classNames(), split.test().classNames());
        assertPartition(iris, split);
    }

    @Test
    void regressionSplitSpansTheTargetRange() {
        Dataset diabetes = SourceDatasets.diabetes();
        TrainTestSplit split = TrainTestSplit.stratified(diabetes, 0.2, 1);
        assertEquals(89, split.test().size());
        double[] sorted = diabetes.targets().clone();
        Arrays.sort(sorted);
        double testMin = Arrays.stream(split.test().targets()).min().orElseThrow();
        double testMax = Arrays.stream(split.test().targets()).max().orElseThrow();
        assertTrue(testMin <= sorted[4] && testMax >= sorted[sorted.length - 5]);
        assertPartition(diabetes, split);
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        Dataset wine = SourceDatasets.wine();
        assertEquals(TrainTestSplit.stratified(wine, 0.2, 5), TrainTestSplit.stratified(wine, 0.2, 5));
        assertNotEquals(TrainTestSplit.stratified(wine, 0.2, 5).test(), TrainTestSplit.stratified(wine, 0.2, 6).test());
    }

    @Test
    void bundledSourcesHaveTheDocumentedShapes() {
        assertEquals(150, SourceDatasets.iris().size());
        assertEquals(569, SourceDatasets.breastCancer().size());
        assertEquals(30, SourceDatasets.breastCancer().numFeatures());
        assertEquals(178, SourceDatasets.wine().size());
        assertEquals(1797, SourceDatasets.digits().size());
        assertEquals(10, SourceDatasets.digits().numClasses());
        assertEquals(442, SourceDatasets.diabetes().size());
    }

    private static void assertPartition(Dataset all, TrainTestSplit split) {
        assertEquals(all.size(), split.train().size() + split.test().size());
        Set<String> rows = new HashSet<>();
        for (Dataset d : new Dataset[]{split.train(), split.test()}) {
            for (int i = 0; i < d.size(); i++) {
                rows.add(Arrays.toString(d.features()[i]) + (d.labels() != null ? d.labels()[i] : d.targets()[i]));
            }
        }
        Set<String> original = new HashSet<>();
        for (int i = 0; i < all.size(); i++) {
            original.add(Arrays.toString(all.features()[i]) + (all.labels() != null ? all.labels()[i] : all.targets()[i]));
        }
        assertEquals(original, rows);
    }
}
