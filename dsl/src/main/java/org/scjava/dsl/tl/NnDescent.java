package org.scjava.dsl.tl;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Approximate k-nearest neighbours by nearest-neighbour descent (Dong, Moses &amp; Li 2011,
 * doi:10.1145/1963405.1963487) started from a random-projection forest, the method of pynndescent 0.5 that
 * umap-learn and scanpy use for large data: trees {@code min(32, 5 + round(n^0.25))} with leaves of
 * {@code max(10, k)} points seed the neighbour heaps, then each round joins every point's new and old neighbours
 * (and reverse neighbours, at most {@code k} sampled of each) until fewer than {@code 0.001·k·n} heaps change or
 * {@code max(5, round(log2 n))} rounds have run.
 *
 * <p>Runs on all cores and is still reproducible for a seed: heaps keep the k smallest (distance, index) pairs,
 * which is the same set whatever order concurrent updates arrive in, and candidate sampling reads a snapshot
 * with hashed priorities. Hand-written because pynndescent has no Java counterpart on Central.
 */
final class NnDescent {

    private final float[] x;
    private final int n;
    private final int d;
    private final int k;
    private final Knn.Metric metric;
    private final int[] nbr;
    private final float[] dist;
    private final boolean[] fresh;
    /** Round in which each slot's entry arrived (−1 = the forest): counts changes independently of thread order. */
    private final int[] arrived;
    private volatile int currentRound = -1;
    private final Object[] locks = new Object[1024];

    private NnDescent(float[] x, int n, int d, int k, Knn.Metric metric) {
        this.x = x;
        this.n = n;
        this.d = d;
        this.k = k;
        this.metric = metric;
        nbr = new int[n * k];
        dist = new float[n * k];
        fresh = new boolean[n * k];
        arrived = new int[n * k];
        Arrays.fill(nbr, -1);
        Arrays.fill(dist, Float.POSITIVE_INFINITY);
        Arrays.fill(arrived, -1);
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    /**
     * The {@code k} nearest other points of each row of {@code x} (n × d, row-major; cosine rows pre-normalised),
     * ascending; distances in the metric's raw form (squared for Euclidean).
     */
    static NnDescent run(float[] x, int n, int d, int k, Knn.Metric metric, long seed) {
        NnDescent g = new NnDescent(x, n, d, k, metric);
        int trees = (int) Math.min(32, 5 + Math.round(Math.pow(n, 0.25)));
        int leaf = Math.max(10, k);
        IntStream.range(0, trees).parallel().forEach(t -> g.tree(new SplittableRandom(seed + 31L * t), leaf));
        g.fillRandom(seed);
        int rounds = (int) Math.max(5, Math.round(Math.log(n) / Math.log(2)));
        for (int r = 0; r < rounds; r++) {
            if (g.round(seed, r) < 0.001 * k * n) {
                break;
            }
        }
        g.sortRows();
        return g;
    }

    int[] neighbours() {
        return nbr;
    }

    float[] distances() {
        return dist;
    }

    /** One random-projection tree: all pairs inside each leaf are offered to the heaps. */
    private void tree(SplittableRandom rnd, int leaf) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        split(idx, 0, n, leaf, rnd);
    }

    private void split(int[] idx, int from, int to, int leaf, SplittableRandom rnd) {
        if (to - from <= leaf) {
            for (int a = from; a < to; a++) {
                for (int b = a + 1; b < to; b++) {
                    offerPair(idx[a], idx[b]);
                }
            }
            return;
        }
        int p = idx[from + rnd.nextInt(to - from)];
        int q = idx[from + rnd.nextInt(to - from)];
        double[] normal = new double[d];
        double offset = 0;
        for (int t = 0; t < d; t++) {
            normal[t] = x[p * d + t] - x[q * d + t];
            offset += normal[t] * (x[p * d + t] + x[q * d + t]) / 2;
        }
        int lo = from;
        int hi = to - 1;
        while (lo <= hi) {
            double s = -offset;
            int i = idx[lo];
            for (int t = 0; t < d; t++) {
                s += normal[t] * x[i * d + t];
            }
            boolean left = s > 0 || (s == 0 && rnd.nextBoolean());
            if (left) {
                lo++;
            } else {
                idx[lo] = idx[hi];
                idx[hi--] = i;
            }
        }
        if (lo == from || lo == to) {
            lo = (from + to) >>> 1; // degenerate hyperplane (duplicates): split arbitrarily
        }
        split(idx, from, lo, leaf, rnd);
        split(idx, lo, to, leaf, rnd);
    }

    /** Rows left short by the forest get random neighbours (hashed, so independent of thread order). */
    private void fillRandom(long seed) {
        IntStream.range(0, n).parallel().forEach(i -> {
            for (int tries = 0; count(i) < k && tries < 4 * k; tries++) {
                int j = (int) Math.floorMod(mix(seed, i, tries, 7), (long) n);
                if (j != i) {
                    offer(i, j, distance(i, j));
                }
            }
        });
    }

    private int count(int i) {
        int c = 0;
        for (int p = 0; p < k; p++) {
            c += nbr[i * k + p] >= 0 ? 1 : 0;
        }
        return c;
    }

    /** One descent round; returns the number of heap entries that are new at its end. */
    private long round(long seed, int r) {
        int[][] newCand = new int[n][];
        int[][] oldCand = new int[n][];
        sample(seed, r, newCand, oldCand);
        currentRound = r;
        IntStream.range(0, n).parallel().forEach(i -> {
            int[] nw = newCand[i];
            int[] old = oldCand[i];
            for (int a = 0; a < nw.length; a++) {
                for (int b = a + 1; b < nw.length; b++) {
                    offerPair(nw[a], nw[b]);
                }
                for (int o : old) {
                    if (o != nw[a]) {
                        offerPair(nw[a], o);
                    }
                }
            }
        });
        long changed = 0;
        for (int v : arrived) {
            changed += v == r ? 1 : 0;
        }
        return changed;
    }

    /**
     * Candidate lists from a snapshot of the heaps: each point's new and old neighbours plus the points that list
     * it, at most k of each kind, chosen by a hashed priority; the sampled new entries become old.
     */
    private void sample(long seed, int r, int[][] newCand, int[][] oldCand) {
        long[][] newKeys = new long[n][];
        long[][] oldKeys = new long[n][];
        int[] newCount = new int[n];
        int[] oldCount = new int[n];
        for (int i = 0; i < n; i++) {
            newKeys[i] = new long[2 * k];
            oldKeys[i] = new long[2 * k];
        }
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < k; p++) {
                int j = nbr[i * k + p];
                if (j < 0) {
                    continue;
                }
                boolean isNew = fresh[i * k + p];
                long[][] keys = isNew ? newKeys : oldKeys;
                int[] cnt = isNew ? newCount : oldCount;
                push(keys, cnt, i, j, mix(seed, r, i, j));
                push(keys, cnt, j, i, mix(seed, r, j, i));
            }
        }
        for (int i = 0; i < n; i++) {
            newCand[i] = candidates(newKeys[i], newCount[i]);
            oldCand[i] = candidates(oldKeys[i], oldCount[i]);
        }
        // entries sampled as new candidates of their own row are joined this round: mark them old
        for (int i = 0; i < n; i++) {
            for (int j : newCand[i]) {
                for (int p = 0; p < k; p++) {
                    if (nbr[i * k + p] == j) {
                        fresh[i * k + p] = false;
                    }
                }
            }
        }
    }

    /** Keeps the 2k lowest (priority, index) keys of row i; candidates() keeps the k lowest of those. */
    private static void push(long[][] keys, int[] cnt, int i, int j, long priority) {
        long key = (priority & 0xffffffff00000000L) | j;
        long[] row = keys[i];
        if (cnt[i] < row.length) {
            row[cnt[i]++] = key;
            return;
        }
        int worst = 0;
        for (int p = 1; p < row.length; p++) {
            if (Long.compareUnsigned(row[p], row[worst]) > 0) {
                worst = p;
            }
        }
        if (Long.compareUnsigned(key, row[worst]) < 0) {
            row[worst] = key;
        }
    }

    private int[] candidates(long[] keys, int count) {
        long[] sorted = Arrays.copyOf(keys, count);
        for (int a = 1; a < sorted.length; a++) { // insertion sort, unsigned order (≤ 2k entries)
            long v = sorted[a];
            int b = a - 1;
            while (b >= 0 && Long.compareUnsigned(sorted[b], v) > 0) {
                sorted[b + 1] = sorted[b];
                b--;
            }
            sorted[b + 1] = v;
        }
        int[] out = new int[Math.min(k, sorted.length)];
        int c = 0;
        for (long key : sorted) {
            int j = (int) key;
            boolean dup = false;
            for (int p = 0; p < c; p++) {
                dup |= out[p] == j;
            }
            if (!dup && c < out.length) {
                out[c++] = j;
            }
        }
        return Arrays.copyOf(out, c);
    }

    private int offerPair(int a, int b) {
        if (a == b) {
            return 0;
        }
        float s = distance(a, b);
        return offer(a, b, s) + offer(b, a, s);
    }

    /** Adds j to i's heap if (s, j) beats its worst entry; 1 if the heap changed. */
    private int offer(int i, int j, float s) {
        int base = i * k;
        if (s > dist[base + worstSlotUnsafe(base)]) {
            return 0; // racy pre-check: the worst distance only decreases, so a stale read only lets more through
        }
        synchronized (locks[i & (locks.length - 1)]) {
            int worst = worstSlotUnsafe(base);
            if (!less(s, j, dist[base + worst], nbr[base + worst])) {
                return 0;
            }
            for (int p = 0; p < k; p++) {
                if (nbr[base + p] == j) {
                    return 0;
                }
            }
            nbr[base + worst] = j;
            dist[base + worst] = s;
            fresh[base + worst] = true;
            arrived[base + worst] = currentRound;
            return 1;
        }
    }

    /** Slot of the largest (distance, index) in row base (linear scan: k is small). */
    private int worstSlotUnsafe(int base) {
        int worst = 0;
        for (int p = 1; p < k; p++) {
            if (less(dist[base + worst], nbr[base + worst], dist[base + p], nbr[base + p])) {
                worst = p;
            }
        }
        return worst;
    }

    /** (s1, j1) &lt; (s2, j2) lexicographically; an empty slot (index −1, +∞) is the largest. */
    private static boolean less(float s1, int j1, float s2, int j2) {
        if (j2 < 0) {
            return j1 >= 0;
        }
        return s1 < s2 || (s1 == s2 && j1 < j2);
    }

    float distance(int a, int b) {
        return (float) Knn.distance(x, a * d, b * d, d, metric);
    }

    private void sortRows() {
        IntStream.range(0, n).parallel().forEach(i -> {
            int base = i * k;
            for (int a = 1; a < k; a++) {
                float s = dist[base + a];
                int j = nbr[base + a];
                int b = a - 1;
                while (b >= 0 && less(s, j, dist[base + b], nbr[base + b])) {
                    dist[base + b + 1] = dist[base + b];
                    nbr[base + b + 1] = nbr[base + b];
                    b--;
                }
                dist[base + b + 1] = s;
                nbr[base + b + 1] = j;
            }
        });
    }

    /** SplitMix64-style hash of a few longs: deterministic pseudo-random priorities. */
    private static long mix(long seed, long a, long b, long c) {
        long z = seed * 0x9E3779B97F4A7C15L + a * 0xBF58476D1CE4E5B9L + b * 0x94D049BB133111EBL + c;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
