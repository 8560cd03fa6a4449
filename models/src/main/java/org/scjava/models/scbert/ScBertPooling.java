package org.scjava.models.scbert;

/**
 * How scBERT's encodings ({@code PerformerLM(x, return_encodings=True)}, [genes + 1, dim]) become one cell vector. The
 * official repository has no embedding function; both forms are the ones its users apply (issue #70): the mean over
 * all positions ({@code x.mean(dim=1)}) and the appended last position ({@code x[:, -1, :]}).
 */
public enum ScBertPooling {
    /** Mean over all genes and the appended token (default). */
    MEAN,
    /** The appended last position (token 0 with a zero gene2vec row), used like a CLS token. */
    CLS
}
