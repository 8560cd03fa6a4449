package org.scjava.models.api;

import org.scjava.dsl.api.CellEmbedder;
import org.scjava.dsl.core.AtlasData;

import java.util.List;

/**
 * A loaded single-cell foundation model: tokenize → forward → pool. Handles own native memory (weights on the
 * device) and must be closed; a handle garbage-collected while open is freed with a warning.
 *
 * <p>The steps are public so tasks can reuse them: {@link #tokenize} gives each cell's token list, which a caller may
 * edit (delete or move a gene, change a value) and pass to {@link #embedTokens} or {@link #hiddenStates} — the same
 * forward path {@link #embedCells} uses (in-silico perturbation builds on this).
 */
public interface FoundationModel extends CellEmbedder, AutoCloseable {

    /** Short key ("scgpt", "geneformer", ...) used in {@code obsm["X_<name>"]}. */
    @Override
    String name();

    /** What was loaded: kind, config, checkpoint and its sha256, vocabulary size, ignored checkpoint keys. */
    ModelCard card();

    /** Gene identifier ↔ token id of the model. */
    GeneVocabulary vocabulary();

    /** Each cell's model input, in obs order, with the gene match and the batch plan the runtime would use. */
    TokenizedCells tokenize(AtlasData atlas);

    /** Cell embeddings [n_cells][d] with the model's official preprocessing, layer and pooling. */
    @Override
    float[][] embedCells(AtlasData atlas);

    /** Cell embeddings of (possibly edited) token lists, pooled as {@link #embedCells} pools. */
    float[][] embedTokens(List<CellTokens> cells);

    /**
     * Per-token hidden states of (possibly edited) token lists for hidden-state indices {@code layers}
     * (0 = embedding output, i = output of layer i, {@code numLayers()} = last).
     */
    HiddenStates hiddenStates(List<CellTokens> cells, int... layers);

    /** The model's gene embedding table (static, context-free), one row per vocabulary gene. */
    GeneEmbeddings embedGenes();

    /** Number of encoder layers. */
    int numLayers();

    /**
     * Token id of each var column of {@code atlas} as {@link #tokenize} maps it (-1 = not in the vocabulary), so a task
     * can find a gene in a token list (in-silico perturbation).
     */
    default int[] columnTokens(AtlasData atlas) {
        throw new UnsupportedOperationException(name() + " does not expose its gene-to-token mapping");
    }

    /** The hidden-state index {@link #embedCells} pools (0 = embeddings, {@code numLayers()} = last layer). */
    default int embeddingHiddenState() {
        return numLayers();
    }

    /** The pooling {@link #embedCells} applies to one cell's states at {@link #embeddingHiddenState()}. */
    default float[] poolCell(float[][] states, CellTokens cell) {
        throw new UnsupportedOperationException(name() + " does not expose its cell pooling");
    }

    /** Frees native memory; idempotent. */
    @Override
    void close();
}
