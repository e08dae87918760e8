package io.zkml.workbench.data;

import java.util.Random;

/** Seeded shuffles of row indices, so training (samples and design-mode retraining) is reproducible. */
public final class Permutations {

    private Permutations() {
    }

    /** Fills {@code order} with 0..n-1 in a Fisher–Yates order drawn from {@code random}. */
    public static void shuffle(int[] order, Random random) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
