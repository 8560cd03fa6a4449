package org.scjava.models;

import org.scjava.models.runtime.Device;
import org.scjava.models.runtime.MemoryGuard;
import org.scjava.models.runtime.Placement;
import org.scjava.models.runtime.Precision;

/**
 * Runtime options shared by all model kinds. Immutable; start from {@link #defaults()} and use the {@code withX}
 * methods.
 *
 * @param device            {@link Device#CPU} (default) or {@link Device#GPU} (a CUDA libtorch is chosen at the first
 *                          model load; without a usable GPU the model runs on the CPU and says why, once)
 * @param precision         {@link Precision#FP32} (default, parity) or a half format for speed and memory (scGPT and
 *                          Geneformer; see {@link Precision} for the measured deviation)
 * @param batchSize         most cells per forward batch (64, as scGPT's {@code embed_data}; on a GPU the default
 *                          limits grow to what free GPU memory holds, see {@link MemoryGuard})
 * @param threads           libtorch intra-op threads; 0 keeps libtorch's default (all cores). Process-wide.
 * @param seed              seed for the only random steps: scGPT's gene sampling above the maximum length and,
 *                          when chosen, its random tie binning
 * @param maxTokensPerBatch most padded tokens per batch; the memory guard may lower it
 * @param geneColumn        var column holding the gene identifiers the vocabulary uses; null picks the var index or
 *                          the var column that matches the vocabulary best (recorded in the history)
 * @param countsLayer       layer with raw counts; null uses {@code layers["counts"]} when present, else X
 */
public record ModelOptions(Device device, Precision precision, int batchSize, int threads, long seed, long maxTokensPerBatch,
                           String geneColumn, String countsLayer) {

    public ModelOptions {
        if (device == null || precision == null) {
            throw new IllegalArgumentException("device must be cpu or gpu and precision fp32, fp16 or bf16");
        }
        if (batchSize <= 0 || threads < 0 || maxTokensPerBatch <= 0) {
            throw new IllegalArgumentException("batchSize and maxTokensPerBatch must be positive and threads >= 0; got "
                    + batchSize + ", " + maxTokensPerBatch + ", " + threads);
        }
    }

    public static ModelOptions defaults() {
        return new ModelOptions(Device.CPU, Precision.FP32, MemoryGuard.DEFAULT_CELLS, 0, 0L, MemoryGuard.DEFAULT_TOKENS, null,
                null);
    }

    public ModelOptions withDevice(Device d) {
        return new ModelOptions(d, precision, batchSize, threads, seed, maxTokensPerBatch, geneColumn, countsLayer);
    }

    /** "cpu" or "gpu". */
    public ModelOptions withDevice(String d) {
        return withDevice(Device.parse(d));
    }

    /** "fp32" (default), "fp16" or "bf16": the number format of weights and activations (see {@link Precision}). */
    public ModelOptions withPrecision(String p) {
        return withPrecision(Precision.parse(p));
    }

    public ModelOptions withPrecision(Precision p) {
        return new ModelOptions(device, p, batchSize, threads, seed, maxTokensPerBatch, geneColumn, countsLayer);
    }

    /** Device, precision and threads as the runtime takes them. */
    public Placement placement() {
        return new Placement(device, precision, threads);
    }

    public ModelOptions withBatchSize(int n) {
        return new ModelOptions(device, precision, n, threads, seed, maxTokensPerBatch, geneColumn, countsLayer);
    }

    public ModelOptions withThreads(int n) {
        return new ModelOptions(device, precision, batchSize, n, seed, maxTokensPerBatch, geneColumn, countsLayer);
    }

    public ModelOptions withSeed(long s) {
        return new ModelOptions(device, precision, batchSize, threads, s, maxTokensPerBatch, geneColumn, countsLayer);
    }

    public ModelOptions withMaxTokensPerBatch(long n) {
        return new ModelOptions(device, precision, batchSize, threads, seed, n, geneColumn, countsLayer);
    }

    public ModelOptions withGeneColumn(String column) {
        return new ModelOptions(device, precision, batchSize, threads, seed, maxTokensPerBatch, column, countsLayer);
    }

    public ModelOptions withCountsLayer(String layer) {
        return new ModelOptions(device, precision, batchSize, threads, seed, maxTokensPerBatch, geneColumn, layer);
    }
}
