package org.scjava.dsl.tasks.perturb;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/** Seeded subsampling of cells (goal states, contextual embeddings, profiles), returned in ascending order. */
public final class Sampling {

    private Sampling() {
    }

    /** At most {@code max} of the rows 0..n−1. */
    public static int[] sample(int n, int max, long seed) {
        return sample(IntStream.range(0, n).toArray(), max, seed);
    }

    /** At most {@code max} of {@code rows} (a seeded partial Fisher–Yates shuffle), sorted. */
    public static int[] sample(int[] rows, int max, long seed) {
        if (rows.length <= max) {
            return rows;
        }
        int[] a = rows.clone();
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < max; i++) {
            int k = i + rnd.nextInt(a.length - i);
            int t = a[i];
            a[i] = a[k];
            a[k] = t;
        }
        int[] out = Arrays.copyOf(a, max);
        Arrays.sort(out);
        return out;
    }
}
