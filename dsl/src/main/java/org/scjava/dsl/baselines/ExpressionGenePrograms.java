package org.scjava.dsl.baselines;

import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.tasks.programs.GeneProfiles;
import org.scjava.dsl.tasks.programs.GenePrograms;
import org.scjava.dsl.tasks.programs.GeneProgramsResult;
import org.scjava.dsl.tasks.programs.ProgramGenes;

import java.util.List;

/**
 * The expression-only baseline for {@code genePrograms}: gene modules from gene–gene Pearson correlation of
 * log-normalised expression on highly variable genes (co-expression modules, as WGCNA and Seurat/scanpy gene-module
 * workflows build them), found with the same kNN + Leiden, scoring and GO enrichment as the model path, so the two
 * are compared on equal terms. Each gene's vector is its standardised expression profile over cells
 * ({@link GeneProfiles}), whose cosine is the Pearson correlation.
 *
 * <p><b>Reads</b> X (counts or log-normalised), {@code var["highly_variable"]} when present (otherwise the top
 * {@code nTopGenes} by Seurat dispersion are chosen on a temporary log-normalised view). <b>Writes</b> what
 * {@link GenePrograms} writes, under {@code keyAdded} (default "gene_programs_expression").
 */
public final class ExpressionGenePrograms {


    /** Number of HVGs (when var has none), an explicit gene list (overrides HVGs), and the shared options. */
    public record Options(int nTopGenes, List<String> genes, GenePrograms.Options programs) {
        public static Options defaults() {
            return new Options(2000, null,
                    GenePrograms.Options.defaults().withKeyAdded("gene_programs_expression"));
        }

        public Options withNTopGenes(int v) {
            return new Options(v, genes, programs);
        }

        /** Cluster exactly these genes (e.g. the genes a model's vocabulary covers, to compare on one universe). */
        public Options withGenes(List<String> v) {
            return new Options(nTopGenes, v == null ? null : List.copyOf(v), programs);
        }

        public Options withPrograms(GenePrograms.Options v) {
            return new Options(nTopGenes, genes, v);
        }
    }

    private ExpressionGenePrograms() {
    }

    public static GeneProgramsResult apply(AtlasData atlas, Options o) {
        List<String> genes = o.genes() != null ? o.genes() : ProgramGenes.highlyVariable(atlas, o.nTopGenes());
        GeneProfiles profiles = GeneProfiles.of(atlas, genes, o.programs().maxCells(), o.programs().seed());
        return GenePrograms.apply(atlas, profiles.unitRows(), genes, "expression correlation (" + genes.size()
                + " genes)", o.programs());
    }
}
