package org.scjava.dsl.api;

import java.util.List;
import java.util.Map;

/**
 * A protein language model that turns amino-acid sequences into vectors (ESM-2; see
 * {@code org.scjava.models.Models.esm2}). {@code tasks.AttachProteinEmbeddings} uses it to give genes a protein embedding.
 */
public interface ProteinEmbedder {

    /** Short key used in {@code varm["X_<name>"]} and in the history, e.g. "esm2". */
    String name();

    /** Embedding size. */
    int dim();

    /**
     * One mean-pooled embedding per sequence, in input order; {@code labels} name the sequences in errors and
     * progress. Implementations batch and report progress through {@link org.scjava.dsl.core.Progress}.
     */
    float[][] embedProteins(List<String> labels, List<String> sequences);

    /** Checkpoint sha256, layer, truncation, device and the like; JSON-friendly values only. */
    Map<String, Object> provenance();
}
