package org.scjava.dsl.atlas;

import org.scjava.dsl.api.CellEmbedder;
import org.scjava.dsl.api.ProteinEmbedder;
import org.scjava.dsl.baselines.ExpressionGenePrograms;
import org.scjava.dsl.pl.Figure;
import org.scjava.dsl.pl.PlotOptions;
import org.scjava.dsl.tasks.AttachProteinEmbeddings;
import org.scjava.dsl.tasks.Embed;
import org.scjava.dsl.tasks.Orthologs;
import org.scjava.dsl.tasks.ReferenceMapping;
import org.scjava.dsl.tasks.ToSpecies;
import org.scjava.dsl.tasks.TransferFrom;
import org.scjava.dsl.tasks.ZeroShotAnnotation;
import org.scjava.dsl.tasks.markers.MarkerAnnotation;
import org.scjava.dsl.tasks.markers.MarkerTable;
import org.scjava.dsl.tasks.perturb.InSilicoPerturbation;
import org.scjava.dsl.tasks.perturb.PerturbableModels;
import org.scjava.dsl.tasks.perturb.PerturbationMode;
import org.scjava.dsl.tasks.perturb.PerturbationPlots;
import org.scjava.dsl.tasks.perturb.PerturbationResults;
import org.scjava.dsl.tasks.perturb.PerturbationScreen;
import org.scjava.dsl.tasks.programs.GeneProgramsResult;
import org.scjava.dsl.tasks.programs.ModelGenePrograms;
import tech.tablesaw.api.Table;

import java.nio.file.Path;
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
        return Atlas.of(Embed.embed(atlas(), model));
    }

    /** {@link #embed(CellEmbedder)} into {@code obsm[keyAdded]}. */
    default Atlas embed(CellEmbedder model, String keyAdded) {
        return Atlas.of(Embed.embed(atlas(), model, keyAdded));
    }

    // ------------------------------------------------------------------ protein embeddings

    /**
     * Embeds the protein of each gene with {@code model} (e.g. {@code Models.esm2("esm2_t6_8M_UR50D.pt")}) from a
     * FASTA file and stores {@code varm["X_<model>"]} and {@code var["<model>_protein"]}; see
     * {@link AttachProteinEmbeddings}.
     */
    default Atlas attachProteinEmbeddings(ProteinEmbedder model, String fasta) {
        return Atlas.of(AttachProteinEmbeddings.attach(atlas(), model, java.nio.file.Path.of(fasta)));
    }

    /** {@link #attachProteinEmbeddings(ProteinEmbedder, String)} from a FASTA path. */
    default Atlas attachProteinEmbeddings(ProteinEmbedder model, java.nio.file.Path fasta) {
        return Atlas.of(AttachProteinEmbeddings.attach(atlas(), model, fasta));
    }

    /** {@link #attachProteinEmbeddings(ProteinEmbedder, String)} from a table with gene and {@code sequence} columns. */
    default Atlas attachProteinEmbeddings(ProteinEmbedder model, tech.tablesaw.api.Table sequences) {
        return Atlas.of(AttachProteinEmbeddings.attach(atlas(), model, sequences));
    }

    // ------------------------------------------------------------------ perturbation

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

    // ------------------------------------------------------------------ gene programs

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

    /** The Atlas this mixin belongs to (Atlas is the only implementation). */
    private Atlas atlas() {
        return (Atlas) this;
    }

    // ------------------------------------------------------------------ cross-species

    /** A new Atlas with genes mapped to {@code species} ("human", "mouse") by bundled 1:1 orthologs; see {@link ToSpecies}. */
    default Atlas toSpecies(String species) {
        return Atlas.of(ToSpecies.apply(atlas(), species, Orthologs.bundled(), ToSpecies.Options.defaults()));
    }

    /** As {@link #toSpecies(String)} with another ortholog table. */
    default Atlas toSpecies(String species, Orthologs table) {
        return Atlas.of(ToSpecies.apply(atlas(), species, table, ToSpecies.Options.defaults()));
    }

    /** As {@link #toSpecies(String)} with an ortholog table file ({@code <species>_symbol} columns; see {@link Orthologs}). */
    default Atlas toSpecies(String species, Path table) {
        return Atlas.of(ToSpecies.apply(atlas(), species, Orthologs.read(table), ToSpecies.Options.defaults()));
    }

    /** As {@link #toSpecies(String, Path)} with the table's path as a string (notebook convenience). */
    default Atlas toSpecies(String species, String tablePath) {
        return Atlas.of(ToSpecies.apply(atlas(), species, Orthologs.read(Path.of(tablePath)), ToSpecies.Options.defaults()));
    }

    default Atlas toSpecies(String species, Orthologs table, ToSpecies.Options options) {
        return Atlas.of(ToSpecies.apply(atlas(), species, table, options));
    }

    // ------------------------------------------------------------------ zero-shot annotation

    /** Labels from the bundled marker table of the Atlas's species with a Leiden-cluster vote; see {@link ZeroShotAnnotation}. */
    default Atlas annotateZeroShot() {
        return Atlas.of(ZeroShotAnnotation.withMarkers(atlas(), MarkerAnnotation.Options.defaults()));
    }

    /** Marker annotation with the user's marker table. */
    default Atlas annotateZeroShot(MarkerTable markers) {
        return Atlas.of(ZeroShotAnnotation.withMarkers(atlas(), MarkerAnnotation.Options.defaults().withMarkers(markers)));
    }

    /** Marker annotation with options (granularity {@code withMaxDepth}, cluster key, resolution...). */
    default Atlas annotateZeroShot(MarkerAnnotation.Options options) {
        return Atlas.of(ZeroShotAnnotation.withMarkers(atlas(), options));
    }

    /** Reference mapping in the HVG+PCA baseline space, labels from {@code reference.obs[labelColumn]}. */
    default Atlas annotateZeroShot(Atlas reference, String labelColumn) {
        return Atlas.of(ZeroShotAnnotation.withReference(atlas(), reference, labelColumn, ReferenceMapping.Options.defaults()));
    }

    /** Reference mapping with options, e.g. {@code withEmbedding("X_scgpt")} for a foundation-model space. */
    default Atlas annotateZeroShot(Atlas reference, String labelColumn, ReferenceMapping.Options options) {
        return Atlas.of(ZeroShotAnnotation.withReference(atlas(), reference, labelColumn, options));
    }

    /** The summary table (label, n_cells, fraction, mean_confidence) of the last annotateZeroShot. */
    default Table annotationSummary() {
        return ZeroShotAnnotation.summary(atlas());
    }

    /** Labels from obs["cell_type"] of a reference of another species (e.g. mouse), mapped by 1:1 orthologs; see {@link TransferFrom}. */
    default Atlas transferFrom(Atlas reference) {
        return Atlas.of(TransferFrom.apply(atlas(), reference, TransferFrom.Options.defaults()));
    }

    default Atlas transferFrom(Atlas reference, String labelColumn) {
        return Atlas.of(TransferFrom.apply(atlas(), reference, TransferFrom.Options.defaults().withLabelColumn(labelColumn)));
    }

    default Atlas transferFrom(Atlas reference, TransferFrom.Options options) {
        return Atlas.of(TransferFrom.apply(atlas(), reference, options));
    }

    // ------------------------------------------------------------------ (end of issue 7 verbs)
}
