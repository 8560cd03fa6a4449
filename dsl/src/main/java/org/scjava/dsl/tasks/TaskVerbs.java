package org.scjava.dsl.tasks;

import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.tl.Harmony;

import java.nio.file.Path;
import java.util.List;

/**
 * Task verbs: foundation-model embedding, zero-shot annotation, perturbation, cross-species transfer, gene programs.
 *
 * <p>A mixin of {@link Atlas}: each default method is a one-line facade over the verb's own class in this
 * package, so the verb also has a static form that works on plain data.
 */
public interface TaskVerbs {

    /** The Atlas this mixin belongs to (Atlas is the only implementation). */
    private Atlas atlas() {
        return (Atlas) this;
    }

    // ------------------------------------------------------------------ cross-species (issue 7)

    /** A new Atlas with genes mapped to {@code species} ("human", "mouse") by bundled 1:1 orthologs; see {@link ToSpecies}. */
    default Atlas toSpecies(String species) {
        return ToSpecies.apply(atlas(), species, Orthologs.bundled(), ToSpecies.Options.defaults());
    }

    /** As {@link #toSpecies(String)} with another ortholog table. */
    default Atlas toSpecies(String species, Orthologs table) {
        return ToSpecies.apply(atlas(), species, table, ToSpecies.Options.defaults());
    }

    /** As {@link #toSpecies(String)} with an ortholog table file ({@code <species>_symbol} columns; see {@link Orthologs}). */
    default Atlas toSpecies(String species, Path table) {
        return ToSpecies.apply(atlas(), species, Orthologs.read(table), ToSpecies.Options.defaults());
    }

    default Atlas toSpecies(String species, Orthologs table, ToSpecies.Options options) {
        return ToSpecies.apply(atlas(), species, table, options);
    }

    // ------------------------------------------------------------------ batch harmonization (issue 7)

    /** Harmony on obsm["X_pca"] for obs[batchKey], writing obsm["X_harmony"]; see {@link Harmony}. */
    default Atlas harmonize(String batchKey) {
        return Harmony.apply(atlas(), List.of(batchKey), Harmony.Options.defaults());
    }

    /** Harmony with options (e.g. {@code withUseRep("X_scgpt")}, {@code withTheta(2)}). */
    default Atlas harmonize(String batchKey, Harmony.Options options) {
        return Harmony.apply(atlas(), List.of(batchKey), options);
    }

    /** Harmony over several batch variables at once (e.g. donor and stim). */
    default Atlas harmonize(List<String> batchKeys, Harmony.Options options) {
        return Harmony.apply(atlas(), batchKeys, options);
    }
}
