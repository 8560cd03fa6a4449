package org.scjava.dsl.stream;

import org.scjava.dsl.api.CellEmbedder;
import org.scjava.dsl.api.GeneMatch;
import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.History;
import org.scjava.dsl.core.Progress;
import org.scjava.dsl.io.Async;
import org.scjava.dsl.io.AtlasFormatException;
import org.scjava.dsl.io.BackedH5ad;
import org.scjava.dsl.io.h5ad.ObsmAppender;
import org.scjava.dsl.tasks.Embed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code embed} on a backed atlas: the same verb as {@link org.scjava.dsl.tasks.Embed} (scGPT's {@code embed_data},
 * Geneformer's {@code EmbExtractor}; the model decides tokenisation, layer and pooling), streamed.
 *
 * <p><b>Reads</b> X (and {@code layers["counts"]} when the file has it) in blocks of rows; each block becomes a small
 * in-memory Atlas (its X rows, its obs rows, the whole var) handed to {@link CellEmbedder#embedCells}, while the next
 * block is read and inflated in the background. <b>Writes</b> {@code obsm[keyAdded]} (n_obs × d, float32) into the
 * same file block by block ({@link ObsmAppender}: the entry becomes visible only when complete, a failure leaves the
 * file unchanged) and one history entry with the model's provenance and gene match, in memory and in the file's
 * {@code uns["scjava"]["history"]}. <b>Memory</b>: two blocks of X plus the model's batch — independent of n_obs, so
 * {@code -Xmx1g} suffices for any number of cells with the default block of {@value #DEFAULT_BLOCK} cells.
 * Results equal the in-memory path cell for cell (models embed each cell independently).
 */
public final class BackedEmbed {

    /** Cells per block: ~100 MB of CSR at 20k genes and 7 % density, far more than any model batch. */
    public static final int DEFAULT_BLOCK = 8192;
    private static final Logger LOG = LoggerFactory.getLogger(BackedEmbed.class);

    private BackedEmbed() {
    }

    public static BackedH5ad embed(BackedH5ad backed, CellEmbedder model, String keyAdded, int rowsPerBlock) {
        if (rowsPerBlock < 1) {
            throw new IllegalArgumentException("rowsPerBlock must be at least 1, got " + rowsPerBlock);
        }
        int n = backed.nObs();
        if (n == 0) {
            throw new AtlasFormatException(backed.path(), "/X", "the file has no cells to embed");
        }
        long start = System.nanoTime();
        GeneMatch match = model.matchGenes(block(backed, 0, Math.min(n, 1)));
        match.check(model.name()); // once for the file; the blocks are embedded quietly
        ObsmAppender out = null;
        try (Progress progress = Progress.start("embed " + model.name() + " (backed)", n, "cells")) {
            CompletableFuture<AtlasData> next = CompletableFuture.supplyAsync(() -> block(backed, 0, Math.min(n, rowsPerBlock)));
            for (int from = 0; from < n; from += rowsPerBlock) {
                AtlasData current = Async.join(next);
                int to = Math.min(n, from + rowsPerBlock);
                if (to < n) {
                    int a = to;
                    next = CompletableFuture.supplyAsync(() -> block(backed, a, Math.min(n, a + rowsPerBlock)));
                }
                float[][] emb = GeneMatch.quietly(() -> model.embedCells(current));
                if (emb.length != to - from) {
                    throw new IllegalStateException(model.name() + " returned " + emb.length + " embeddings for "
                            + (to - from) + " cells");
                }
                if (out == null) {
                    out = ObsmAppender.open(backed.path(), keyAdded, n, emb[0].length);
                }
                append(out, emb, model.name());
                progress.step(to - from);
            }
            Map<String, Object> params = params(model, match, keyAdded, rowsPerBlock);
            History.Entry entry = backed.history().add("embed", params, start);
            out.withHistory(backed.history().toJson()).close();
            LOG.info("embed: wrote obsm['{}'] ({} x {}) into {} streaming ({} ms)", keyAdded, n, out.width(),
                    backed.path().getFileName(), entry.durationMillis());
        } catch (RuntimeException | Error e) {
            if (out != null) {
                out.abort();
            }
            throw e;
        }
        backed.reopen();
        return backed;
    }

    /**
     * Rows [from, to) as an Atlas: X rows, obs rows, the whole var, and counts rows when the file has them — what a
     * model sees of a block (also used by SparkAtlas's executors).
     */
    public static AtlasData block(BackedH5ad backed, int from, int to) {
        AtlasData a = new AtlasData(backed.readRows(from, to), backed.obs().inRange(from, to), backed.var());
        a.obsCategories().putAll(backed.obsCategories());
        a.varCategories().putAll(backed.varCategories());
        if (backed.hasCountsLayer()) {
            a.putLayer("counts", backed.readCountsRows(from, to));
        }
        return a;
    }

    private static void append(ObsmAppender out, float[][] emb, String model) {
        int d = out.width();
        float[] flat = new float[emb.length * d];
        for (int i = 0; i < emb.length; i++) {
            if (emb[i].length != d) {
                throw new IllegalStateException(model + " returned embeddings of width " + emb[i].length + " and " + d);
            }
            System.arraycopy(emb[i], 0, flat, i * d, d);
        }
        out.append(flat, 0, flat.length);
    }

    private static Map<String, Object> params(CellEmbedder model, GeneMatch match, String keyAdded, int block) {
        Map<String, Object> params = Embed.provenance(model, match, keyAdded);
        params.put("backed", true);
        params.put("block_cells", block);
        return params;
    }

}
