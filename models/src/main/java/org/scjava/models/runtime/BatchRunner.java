package org.scjava.models.runtime;

import org.scjava.dsl.core.Progress;
import org.scjava.models.api.CellTokens;
import org.scjava.models.api.HiddenStates;
import org.scjava.models.api.ModelException;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs a {@link TransformerRuntime} over many cells: plans length-sorted batches within the memory guard's token
 * budget, reports progress, stops between batches when the thread is interrupted (a notebook interrupt), and puts
 * results back in input order.
 */
public final class BatchRunner {

    /** Turns one cell's token states [len][d] into its embedding. */
    @FunctionalInterface
    public interface Pooler {
        float[] pool(float[][] states, CellTokens cell);
    }

    private final TransformerRuntime runtime;
    private final EncoderSpec spec;
    private final int maxCells;
    private final long maxTokens;

    public BatchRunner(TransformerRuntime runtime, EncoderSpec spec, int maxCells, long maxTokens) {
        this.runtime = runtime;
        this.spec = spec;
        this.maxCells = maxCells;
        this.maxTokens = maxTokens;
    }

    /** The batches (cell indices) this runner would use for {@code cells}, keeping {@code kept} hidden states. */
    public List<int[]> plan(List<CellTokens> cells, int kept) {
        int[] lengths = cells.stream().mapToInt(CellTokens::length).toArray();
        int longest = 1;
        for (int l : lengths) {
            longest = Math.max(longest, l);
        }
        boolean gpu = runtime.deviceName().startsWith("gpu");
        if (gpu) {
            runtime.releaseCachedMemory();
        }
        MemoryGuard.Limits limits = MemoryGuard.limits(spec, longest, kept, maxCells, maxTokens, gpu, runtime.precision());
        return Batching.plan(lengths, limits.cells(), limits.tokens());
    }

    /** Pooled embeddings of hidden state {@code hiddenIndex}, one row per cell, in input order. */
    public float[][] pooled(List<CellTokens> cells, int hiddenIndex, Pooler pooler, String task) {
        boolean[] flags = new boolean[spec.layers() + 1];
        flags[hiddenIndex] = true;
        float[][] out = new float[cells.size()][];
        run(cells, flags, false, task, (cell, states) -> out[cell] = pooler.pool(states[0], cells.get(cell)));
        return out;
    }

    /** Per-token hidden states of the requested indices, in input order. */
    public HiddenStates hidden(List<CellTokens> cells, int[] layers, String task) {
        boolean[] flags = new boolean[spec.layers() + 1];
        for (int l : layers) {
            if (l < 0 || l > spec.layers()) {
                throw new IllegalArgumentException("hidden state index " + l + " outside 0.." + spec.layers());
            }
            flags[l] = true;
        }
        int[] sorted = java.util.stream.IntStream.range(0, flags.length).filter(i -> flags[i]).toArray();
        float[][][][] states = new float[sorted.length][cells.size()][][];
        run(cells, flags, false, task, (cell, s) -> {
            for (int k = 0; k < sorted.length; k++) {
                states[k][cell] = s[k];
            }
        });
        return new HiddenStates(sorted, states);
    }

    /** Raw access: every requested state (and input parts) per cell, delivered through {@code sink}. */
    public void run(List<CellTokens> cells, boolean[] hidden, boolean parts, String task, Sink sink) {
        int kept = 0;
        for (boolean h : hidden) {
            kept += h ? 1 : 0;
        }
        List<int[]> batches = plan(cells, kept + (parts ? 2 : 0));
        try (Progress progress = Progress.start(task, cells.size(), "cells")) {
            for (int[] batch : batches) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new ModelException(task + " interrupted after " + countDone(batches, batch) + " of "
                            + cells.size() + " cells");
                }
                List<CellTokens> in = new ArrayList<>(batch.length);
                for (int i : batch) {
                    in.add(cells.get(i));
                }
                float[][][][] res = runtime.forward(in, hidden, parts);
                for (int j = 0; j < batch.length; j++) {
                    sink.accept(batch[j], res[j]);
                }
                progress.step(batch.length);
            }
        }
    }

    private static int countDone(List<int[]> batches, int[] current) {
        int n = 0;
        for (int[] b : batches) {
            if (b == current) {
                break;
            }
            n += b.length;
        }
        return n;
    }

    /** Receives one cell's states: [k][token][dim]. */
    @FunctionalInterface
    public interface Sink {
        void accept(int cell, float[][][] states);
    }
}
