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

    // ---- attachProteinEmbeddings (protein language models, e.g. ESM-2) -------------------------------------------

    /**
     * Embeds the protein of each gene with {@code model} (e.g. {@code Models.esm2("esm2_t6_8M_UR50D.pt")}) from a
     * FASTA file and stores {@code varm["X_<model>"]} and {@code var["<model>_protein"]}; see
     * {@link AttachProteinEmbeddings}.
     */
    default Atlas attachProteinEmbeddings(ProteinEmbedder model, String fasta) {
        return AttachProteinEmbeddings.attach(atlas(), model, java.nio.file.Path.of(fasta));
    }

    /** {@link #attachProteinEmbeddings(ProteinEmbedder, String)} from a FASTA path. */
    default Atlas attachProteinEmbeddings(ProteinEmbedder model, java.nio.file.Path fasta) {
        return AttachProteinEmbeddings.attach(atlas(), model, fasta);
    }

    /** {@link #attachProteinEmbeddings(ProteinEmbedder, String)} from a table with gene and {@code sequence} columns. */
    default Atlas attachProteinEmbeddings(ProteinEmbedder model, tech.tablesaw.api.Table sequences) {
        return AttachProteinEmbeddings.attach(atlas(), model, sequences);
    }

    /** The Atlas this mixin belongs to (Atlas is the only implementation). */
    private Atlas atlas() {
        return (Atlas) this;
    }
}
