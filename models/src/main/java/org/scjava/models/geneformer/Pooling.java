package org.scjava.models.geneformer;

/**
 * How Geneformer's {@code EmbExtractor} turns token states into a cell embedding: {@code emb_mode="cls"} (the
 * {@code <cls>} vector; V2 default, needs V2 dictionaries) or {@code emb_mode="cell"} (mean over the gene tokens,
 * excluding {@code <cls>}/{@code <eos>}; the only mode for V1).
 */
public enum Pooling {
    CLS, MEAN
}
