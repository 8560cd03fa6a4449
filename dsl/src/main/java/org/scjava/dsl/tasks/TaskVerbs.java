package org.scjava.dsl.tasks;

import org.scjava.dsl.atlas.Atlas;

/**
 * Task verbs: foundation-model embedding, zero-shot annotation, perturbation, cross-species transfer, gene programs.
 *
 * <p>A mixin of {@link Atlas}: each default method is a one-line facade over the verb's own class in this
 * package, so the verb also has a static form that works on plain data.
 */
public interface TaskVerbs {

    /**
     * Embeds every cell with a foundation model into {@code obsm["X_<model.name()>"]} and records the model's
     * provenance and gene-match rate in the history; see {@link Embed}.
     */
    default Atlas embed(CellEmbedder model) {
        return Embed.embed(atlas(), model);
    }

    /** {@link #embed(CellEmbedder)} into {@code obsm[keyAdded]}. */
    default Atlas embed(CellEmbedder model, String keyAdded) {
        return Embed.embed(atlas(), model, keyAdded);
    }

    /** The Atlas this mixin belongs to (Atlas is the only implementation). */
    private Atlas atlas() {
        return (Atlas) this;
    }
}
