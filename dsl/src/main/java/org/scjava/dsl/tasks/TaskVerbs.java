package org.scjava.dsl.tasks;

import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.baselines.ExpressionGenePrograms;
import org.scjava.dsl.tasks.perturb.InSilicoPerturbation;
import org.scjava.dsl.tasks.perturb.PerturbableModels;
import org.scjava.dsl.tasks.perturb.PerturbationMode;
import org.scjava.dsl.tasks.perturb.PerturbationPlots;
import org.scjava.dsl.tasks.perturb.PerturbationResults;
import org.scjava.dsl.tasks.perturb.PerturbationScreen;
import org.scjava.dsl.tasks.programs.GeneProgramsResult;
import org.scjava.dsl.tasks.programs.ModelGenePrograms;
import org.scjava.dsl.pl.Figure;
import org.scjava.dsl.pl.PlotOptions;
import tech.tablesaw.api.Table;

import java.util.List;

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

    // ------------------------------------------------------------------ protein embeddings (issue 11)

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

    // ------------------------------------------------------------------ (end of protein embeddings)

    // ------------------------------------------------------------------ perturbation (issue 8)

    /**
     * In-silico perturbation of {@code gene} ("delete" or "overexpress") in every cell with Geneformer's
     * {@code InSilicoPerturber} semantics (scGPT: zero / top bin); returns one row per perturbed cell (cell, gene,
     * mode, cos_sim_original_vs_perturbed, mean_gene_cos_sim) and stores it under {@code uns["perturb"]}; see
     * {@link InSilicoPerturbation}.
     */
    default Table perturb(CellEmbedder model, String gene, String mode) {
        return InSilicoPerturbation.apply(atlas(), PerturbableModels.of(model), gene, PerturbationMode.parse(mode),
                InSilicoPerturbation.Options.defaults());
    }

    /**
     * {@link #perturb(CellEmbedder, String, String)} with a goal state: adds {@code goal_shift}, the change of each
     * cell's cosine to the mean embedding of the cells with {@code obs[goalKey] == goalValue} (e.g. "stim", "stim").
     */
    default Table perturb(CellEmbedder model, String gene, String mode, String goalKey, String goalValue) {
        return InSilicoPerturbation.apply(atlas(), PerturbableModels.of(model), gene, PerturbationMode.parse(mode),
                InSilicoPerturbation.Options.defaults().withGoal(goalKey, goalValue));
    }

    default Table perturb(CellEmbedder model, String gene, String mode, InSilicoPerturbation.Options options) {
        return InSilicoPerturbation.apply(atlas(), PerturbableModels.of(model), gene, PerturbationMode.parse(mode),
                options);
    }

    /**
     * Perturbs each of {@code genes} and compares its mean shift with {@code nNull} random genes of matched detection
     * rate (empirical p, BH-adjusted); see {@link PerturbationScreen}.
     */
    default Table perturbScreen(CellEmbedder model, List<String> genes, String mode) {
        return PerturbationScreen.apply(atlas(), PerturbableModels.of(model), genes, PerturbationMode.parse(mode),
                PerturbationScreen.Options.defaults());
    }

    default Table perturbScreen(CellEmbedder model, List<String> genes, String mode,
                                PerturbationScreen.Options options) {
        return PerturbationScreen.apply(atlas(), PerturbableModels.of(model), genes, PerturbationMode.parse(mode),
                options);
    }

    /** Histogram of the last {@code perturb(...)}'s per-cell shifts (uns["perturb"]); see {@link PerturbationPlots}. */
    default Figure plotPerturbation() {
        return PerturbationPlots.cells(PerturbationResults.cells(atlas(), "perturb"), PlotOptions.defaults());
    }

    // ------------------------------------------------------------------ gene programs (issue 8)

    /**
     * Gene programs from the model's gene embeddings (scGPT gene encoder / Geneformer contextual embeddings averaged
     * over cells) on the highly variable genes: kNN + Leiden modules, per-cell scores in
     * {@code obs["gene_programs_<m>"]}, GO biological-process enrichment; see {@link ModelGenePrograms}.
     */
    default GeneProgramsResult genePrograms(CellEmbedder model) {
        return ModelGenePrograms.apply(atlas(), PerturbableModels.of(model), ModelGenePrograms.Options.defaults());
    }

    default GeneProgramsResult genePrograms(CellEmbedder model, ModelGenePrograms.Options options) {
        return ModelGenePrograms.apply(atlas(), PerturbableModels.of(model), options);
    }

    /**
     * The expression-only baseline: gene programs from gene–gene correlation on the highly variable genes, scored
     * and tested like the model's (key "gene_programs_expression"); see {@link ExpressionGenePrograms}.
     */
    default GeneProgramsResult genePrograms() {
        return ExpressionGenePrograms.apply(atlas(), ExpressionGenePrograms.Options.defaults());
    }

    // ------------------------------------------------------------------ (end of perturbation and gene programs)

    /** The Atlas this mixin belongs to (Atlas is the only implementation). */
    private Atlas atlas() {
        return (Atlas) this;
    }
}
