package org.scjava.dsl.api;

import org.scjava.dsl.core.AtlasData;

import java.util.Map;

/**
 * Something that turns each cell of an Atlas into a vector: a foundation model handle (scGPT, Geneformer, a
 * TorchScript export; see {@code org.scjava.models.Models}) or a baseline. {@code tasks.Embed} / {@code atlas.embed(model)}
 * call it and store the result as {@code obsm["X_<name>"]}.
 */
public interface CellEmbedder {

    /** Short key used in {@code obsm["X_<name>"]} and in the history, e.g. "scgpt" or "geneformer". */
    String name();

    /** How many of the Atlas's genes the model can use (cheap; no forward pass). */
    GeneMatch matchGenes(AtlasData atlas);

    /**
     * One row per cell, in obs order. Implementations refuse data whose genes barely match
     * ({@link GeneMatch#check}) and report progress through {@link org.scjava.dsl.core.Progress}.
     */
    float[][] embedCells(AtlasData atlas);

    /**
     * What a paper needs to cite the result: checkpoint sha256, vocabulary size, seed, device, batch size and the
     * model's embedding settings. JSON-friendly values only (numbers, strings, booleans, lists, maps).
     */
    Map<String, Object> provenance();
}
