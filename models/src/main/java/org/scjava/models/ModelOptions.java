package org.scjava.models;

import org.scjava.models.runtime.Device;

/**
 * Runtime options shared by all model kinds. Immutable; start from {@link #defaults()} and use the {@code withX}
 * methods.
 *
 * @param device            {@link Device#CPU} (default) or {@link Device#GPU} (needs a CUDA libtorch)
 * @param batchSize         most cells per forward batch (64, as scGPT's {@code embed_data})
 * @param threads           libtorch intra-op threads; 0 keeps libtorch's default (all cores). Process-wide.
 * @param seed              seed for the only random steps: scGPT's gene sampling above the maximum length and,
 *                          when chosen, its random tie binning
 * @param maxTokensPerBatch most padded tokens per batch; the memory guard may lower it
 * @param geneColumn        var column holding the gene identifiers the vocabulary uses; null picks the var index or
 *                          the var column that matches the vocabulary best (recorded in the history)
 * @param countsLayer       layer with raw counts; null uses {@code layers["counts"]} when present, else X
 */
public record ModelOptions(Device device, int batchSize, int threads, long seed, long maxTokensPerBatch,
                           String geneColumn, String countsLayer) {

    public ModelOptions {
        if (device == null) {
            throw new IllegalArgumentException("device must be cpu or gpu");
        }
        if (batchSize <= 0 || threads < 0 || maxTokensPerBatch <= 0) {
            throw new IllegalArgumentException("batchSize and maxTokensPerBatch must be positive and threads >= 0; got "
                    + batchSize + ", " + maxTokensPerBatch + ", " + threads);
        }
    }

    public static ModelOptions defaults() {
        return new ModelOptions(Device.CPU, 64, 0, 0L, 16_384, null, null);
    }

    public ModelOptions withDevice(Device d) {
        return new ModelOptions(d, batchSize, threads, seed, maxTokensPerBatch, geneColumn, countsLayer);
    }

    /** "cpu" or "gpu". */
    public ModelOptions withDevice(String d) {
        return withDevice(Device.parse(d));
    }

    public ModelOptions withBatchSize(int n) {
        return new ModelOptions(device, n, threads, seed, maxTokensPerBatch, geneColumn, countsLayer);
    }

    public ModelOptions withThreads(int n) {
        return new ModelOptions(device, batchSize, n, seed, maxTokensPerBatch, geneColumn, countsLayer);
    }

    public ModelOptions withSeed(long s) {
        return new ModelOptions(device, batchSize, threads, s, maxTokensPerBatch, geneColumn, countsLayer);
    }

    public ModelOptions withMaxTokensPerBatch(long n) {
        return new ModelOptions(device, batchSize, threads, seed, n, geneColumn, countsLayer);
    }

    public ModelOptions withGeneColumn(String column) {
        return new ModelOptions(device, batchSize, threads, seed, maxTokensPerBatch, column, countsLayer);
    }

    public ModelOptions withCountsLayer(String layer) {
        return new ModelOptions(device, batchSize, threads, seed, maxTokensPerBatch, geneColumn, layer);
    }
}
