package org.scjava.dsl.tl;

import org.scjava.dsl.atlas.Atlas;

import java.util.Collection;

/**
 * Tool verbs (scanpy's {@code tl}): neighbors, UMAP, Leiden, differential expression, gene scores.
 *
 * <p>A mixin of {@link Atlas}: each default method is a one-line facade over the verb's own class in this
 * package, so the verb also has a static form that works on plain data. See each class for the paper, the
 * reference implementation, what it reads and writes, and its memory cost.
 */
public interface ToolVerbs {

    /** The Atlas this mixin belongs to (Atlas is the only implementation). */
    private Atlas atlas() {
        return (Atlas) this;
    }

    /** kNN graph with {@code k} neighbours (counting the cell) on obsm["X_pca"]; see {@link Neighbors}. */
    default Atlas neighbors(int k) {
        return Neighbors.apply(atlas(), Neighbors.Options.defaults().withNNeighbors(k));
    }

    /** kNN graph with 15 neighbours (scanpy's default). */
    default Atlas neighbors() {
        return Neighbors.apply(atlas(), Neighbors.Options.defaults());
    }

    /** kNN graph with a metric ("euclidean", "cosine", "manhattan") on obsm[rep] (e.g. "X_scgpt"). */
    default Atlas neighbors(int k, String metric, String rep) {
        return Neighbors.apply(atlas(), Neighbors.Options.defaults().withNNeighbors(k)
                .withMetric(Knn.Metric.parse(metric)).withUseRep(rep));
    }

    default Atlas neighbors(Neighbors.Options options) {
        return Neighbors.apply(atlas(), options);
    }

    /** UMAP embedding into obsm["X_umap"] with scanpy's defaults; see {@link Umap}. */
    default Atlas umap() {
        return Umap.apply(atlas(), Umap.Options.defaults());
    }

    default Atlas umap(Umap.Options options) {
        return Umap.apply(atlas(), options);
    }

    /** Leiden clusters at {@code resolution} into obs["leiden"] (seed 0); see {@link Leiden}. */
    default Atlas leiden(double resolution) {
        return Leiden.apply(atlas(), Leiden.Options.defaults().withResolution(resolution));
    }

    /** Leiden clusters at {@code resolution} with a seed. */
    default Atlas leiden(double resolution, long seed) {
        return Leiden.apply(atlas(), Leiden.Options.defaults().withResolution(resolution).withSeed(seed));
    }

    default Atlas leiden(Leiden.Options options) {
        return Leiden.apply(atlas(), options);
    }

    /** Marker genes of each obs[groupBy] group vs the rest by "t-test" or "wilcoxon"; see {@link RankGenesGroups}. */
    default Atlas rankGenesGroups(String groupBy, String method) {
        return RankGenesGroups.apply(atlas(), groupBy, RankGenesGroups.Options.defaults()
                .withMethod(RankGenesGroups.Method.parse(method)));
    }

    /** Marker genes by Welch's t-test (scanpy's default method). */
    default Atlas rankGenesGroups(String groupBy) {
        return RankGenesGroups.apply(atlas(), groupBy, RankGenesGroups.Options.defaults());
    }

    default Atlas rankGenesGroups(String groupBy, RankGenesGroups.Options options) {
        return RankGenesGroups.apply(atlas(), groupBy, options);
    }

    /** Gene-set score into obs["score"]; see {@link ScoreGenes}. */
    default Atlas scoreGenes(Collection<String> geneSet) {
        return ScoreGenes.apply(atlas(), geneSet, ScoreGenes.Options.defaults());
    }

    default Atlas scoreGenes(Collection<String> geneSet, ScoreGenes.Options options) {
        return ScoreGenes.apply(atlas(), geneSet, options);
    }
}
