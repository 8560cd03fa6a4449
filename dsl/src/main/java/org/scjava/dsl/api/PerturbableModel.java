package org.scjava.dsl.api;

import org.scjava.dsl.core.AtlasData;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What in-silico perturbation needs from a foundation model: its tokenizer, one forward pass returning per-token
 * hidden states at the embedding layer, and its official cell pooling. The models module adapts its Geneformer and
 * scGPT handles to this interface through an {@link Adapter} found by {@link java.util.ServiceLoader}, so
 * {@code atlas.perturb(model, ...)} accepts the handle {@code Models.geneformer(dir)} returns.
 */
public interface PerturbableModel {

    /** How a cell's expression is written into its token list, which decides how a perturbation edits it. */
    enum Encoding {
        /** Geneformer: genes ordered by normalised expression; position is the signal, no values. */
        RANK_VALUE,
        /** scGPT: each gene token carries an expression value (bin); order carries no signal. */
        BINNED_VALUE
    }

    /** Key for logs and {@code uns} (the model's {@code name()}). */
    String name();

    Encoding encoding();

    /** The {@code <cls>} token id, or -1 (Geneformer V1). */
    int clsToken();

    /** The {@code <eos>} token id appended last, or -1. */
    int eosToken();

    /** Longest token list the model accepts, special tokens included ({@code model_input_size}). */
    int maxLength();

    /** Value a BINNED_VALUE model gives an over-expressed gene (the top bin); NaN for RANK_VALUE. */
    float topValue();

    /** Value meaning "not expressed" for a BINNED_VALUE model (bin 0); NaN for RANK_VALUE. */
    float zeroValue();

    /** Token id of each var column of {@code atlas} as the tokenizer maps it (-1 = not in the vocabulary). */
    int[] columnTokens(AtlasData atlas);

    /** Token lists of cells {@code rows} (obs indices), exactly as the model's cell embedding would see them. */
    List<TokenSequence> tokenize(AtlasData atlas, int[] rows);

    /** Per-token hidden states at the embedding layer, [cell][token][dim], batched by the model's runtime. */
    float[][][] tokenStates(List<TokenSequence> cells);

    /** The model's official cell embedding from one cell's token states (CLS, mean pooling, normalisation). */
    float[] poolCell(float[][] states, TokenSequence cell);

    /**
     * The model's context-free gene embedding table indexed by token id (null rows for special tokens): scGPT's gene
     * encoder ({@code model.encoder(gene_ids)}), Geneformer's input word embeddings.
     */
    float[][] staticGeneEmbeddings();

    /** Checkpoint sha256, layer, pooling, … for the history. */
    Map<String, Object> provenance();

    /** Turns a model handle into a {@link PerturbableModel} when it can; registered as a ServiceLoader service. */
    interface Adapter {
        Optional<PerturbableModel> adapt(CellEmbedder model);
    }
}
