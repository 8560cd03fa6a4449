package org.scjava.models.scfoundation;

/** {@code get_embedding.py --pool_type}: how the encoder output becomes one cell vector. */
public enum ScFoundationPooling {
    /** Concatenation of the S position, the T position, the max and the mean over the gene positions (4 × d). */
    ALL,
    /** Max over all positions, T and S included (d). */
    MAX
}
