package org.scjava.dsl.tasks.programs;

import org.scjava.dsl.api.PerturbableModel;
import org.scjava.dsl.core.AtlasData;

import java.util.List;

/**
 * {@code genePrograms(model)}: gene programs from a foundation model's gene embeddings ({@link ModelGeneEmbeddings}:
 * scGPT gene encoder, Geneformer contextual embeddings averaged over cells) over the highly variable genes the model
 * knows, then {@link GenePrograms} (kNN + Leiden modules, per-cell scores, GO enrichment, coherence). The
 * expression-only baseline on the same genes is {@code baselines.ExpressionGenePrograms} with
 * {@code withGenes(result.membership genes)}.
 *
 * <p><b>Reads</b> the model's tokens of X / {@code layers["counts"]} (contextual), X for scores. <b>Writes</b> what
 * {@link GenePrograms} writes (default key "gene_programs").
 */
public final class ModelGenePrograms {

    /** Embedding source, gene universe (explicit list, else the top {@code nTopGenes} HVGs), cells for averaging. */
    public record Options(ModelGeneEmbeddings.Source source, int nTopGenes, List<String> genes, int maxCells,
                          GenePrograms.Options programs) {
        public static Options defaults() {
            return new Options(ModelGeneEmbeddings.Source.AUTO, 2000, null, 2000, GenePrograms.Options.defaults());
        }

        public Options withSource(ModelGeneEmbeddings.Source v) {
            return new Options(v, nTopGenes, genes, maxCells, programs);
        }

        public Options withNTopGenes(int v) {
            return new Options(source, v, genes, maxCells, programs);
        }

        public Options withGenes(List<String> v) {
            return new Options(source, nTopGenes, v == null ? null : List.copyOf(v), maxCells, programs);
        }

        /** Cells whose token states are averaged for contextual embeddings (seeded sample). */
        public Options withMaxCells(int v) {
            return new Options(source, nTopGenes, genes, v, programs);
        }

        public Options withPrograms(GenePrograms.Options v) {
            return new Options(source, nTopGenes, genes, maxCells, v);
        }
    }

    private ModelGenePrograms() {
    }

    public static GeneProgramsResult apply(AtlasData atlas, PerturbableModel model, Options o) {
        List<String> genes = o.genes() != null ? o.genes() : ProgramGenes.highlyVariable(atlas, o.nTopGenes());
        ModelGeneEmbeddings.GeneVectors v = ModelGeneEmbeddings.of(atlas, model, genes, o.source(), o.maxCells(),
                o.programs().seed());
        return GenePrograms.apply(atlas, v.vectors(), v.genes(), v.source() + " (" + v.genes().size() + " genes)",
                o.programs());
    }
}
