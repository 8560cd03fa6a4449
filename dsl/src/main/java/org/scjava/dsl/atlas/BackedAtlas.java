package org.scjava.dsl.atlas;

import org.scjava.dsl.api.CellEmbedder;
import org.scjava.dsl.io.BackedH5ad;
import org.scjava.dsl.pp.HighlyVariableGenes;
import org.scjava.dsl.stream.BackedAnalysis;
import org.scjava.dsl.stream.BackedEmbed;

import java.nio.file.Path;

/**
 * An h5ad file opened backed (anndata's {@code backed="r+"}): obs and var are in memory, X (and {@code
 * layers["counts"]} when present) stays on disk and is streamed in row blocks, so memory is bounded by the block
 * size whatever the number of cells. Verbs that produce per-cell results write them into the same file as they go
 * ({@link #embed} streams {@code obsm["X_<model>"]}) and append to the file's provenance log
 * ({@code uns["scjava"]["history"]}).
 *
 * <pre>{@code
 * try (BackedAtlas big = Atlas.open("atlas.h5ad")) {
 *     for (BackedAtlas.RowBlock b : big.rowBlocks(10_000)) { ... b.x() ... }
 *     big.embed(scgpt);                      // obsm["X_scgpt"] written block by block
 * }
 * }</pre>
 */
public final class BackedAtlas extends BackedH5ad {

    private BackedAtlas(BackedH5ad opened) {
        super(opened);
    }

    /** Opens {@code path} backed; see {@link Atlas#open(Path)}. */
    public static BackedAtlas open(Path path) {
        return new BackedAtlas(BackedH5ad.open(path));
    }

    /**
     * Embeds every cell with {@code model}, streaming: X is read in row blocks, each block goes through the model,
     * and the rows are appended to {@code obsm["X_<model>"]} in this file as they come — X is never held. See
     * {@link BackedEmbed}. Returns this handle (reopened, so the new entry is visible).
     */
    public BackedAtlas embed(CellEmbedder model) {
        BackedEmbed.embed(this, model, "X_" + model.name(), BackedEmbed.DEFAULT_BLOCK);
        return this;
    }

    /**
     * Highly variable genes (scanpy's seurat flavor) of normalize_total(1e4) + log1p, streamed; marks them in this
     * handle's var (see {@link BackedAnalysis}). Returns this.
     */
    public BackedAtlas highlyVariableGenes(int nTopGenes) {
        BackedAnalysis.highlyVariableGenes(this,
                HighlyVariableGenes.Options.defaults().withNTopGenes(nTopGenes), 1e4, BackedEmbed.DEFAULT_BLOCK);
        return this;
    }

    /**
     * PCA of the log-normalised highly variable genes, streamed into {@code obsm["X_pca"]} of this file (run
     * {@link #highlyVariableGenes} first). Returns this.
     */
    public BackedAtlas pca(int nComps) {
        BackedAnalysis.pca(this, nComps, false, 1e4, BackedEmbed.DEFAULT_BLOCK, "X_pca");
        return this;
    }

    /** {@link #embed(CellEmbedder)} into {@code obsm[keyAdded]}. */
    public BackedAtlas embed(CellEmbedder model, String keyAdded) {
        BackedEmbed.embed(this, model, keyAdded, BackedEmbed.DEFAULT_BLOCK);
        return this;
    }
}
