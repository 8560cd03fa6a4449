package org.scjava.models.runtime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Groups cells into batches of similar length, longest first, so padding stays small: a batch holds at most
 * {@code maxCells} cells and at most {@code maxTokens} padded tokens (a longer cell gets a batch of its own). Cells are
 * independent in the encoder, so grouping changes only speed, never results beyond float rounding.
 */
public final class Batching {

    private Batching() {
    }

    /** Cell indices per batch. */
    public static List<int[]> plan(int[] lengths, int maxCells, long maxTokens) {
        if (maxCells <= 0 || maxTokens <= 0) {
            throw new IllegalArgumentException("batch limits must be positive: " + maxCells + " cells, " + maxTokens + " tokens");
        }
        Integer[] order = IntStream.range(0, lengths.length).boxed().toArray(Integer[]::new);
        java.util.Arrays.sort(order, Comparator.comparingInt((Integer i) -> -lengths[i]).thenComparingInt(i -> i));
        List<int[]> out = new ArrayList<>();
        List<Integer> cur = new ArrayList<>();
        int curMax = 0;
        for (int i : order) {
            int len = Math.max(1, lengths[i]);
            int newMax = Math.max(curMax, len);
            if (!cur.isEmpty() && (cur.size() >= maxCells || (long) newMax * (cur.size() + 1) > maxTokens)) {
                out.add(cur.stream().mapToInt(Integer::intValue).toArray());
                cur.clear();
                newMax = len;
            }
            cur.add(i);
            curMax = newMax;
        }
        if (!cur.isEmpty()) {
            out.add(cur.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }
}
