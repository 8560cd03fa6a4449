package org.scjava.dsl.atlas;


import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.tl.Harmony;
import org.scjava.dsl.tl.IntegrationMetrics;
import org.scjava.dsl.tl.Knn;
import org.scjava.dsl.tl.Leiden;
import org.scjava.dsl.tl.Neighbors;
import org.scjava.dsl.tl.RankGenesGroups;
import org.scjava.dsl.tl.ScoreGenes;
import org.scjava.dsl.tl.Umap;
import tech.tablesaw.api.Table;

import java.util.Collection;
import java.util.List;

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
        return Atlas.of(Neighbors.apply(atlas(), Neighbors.Options.defaults().withNNeighbors(k)));
    }

    /** kNN graph with 15 neighbours (scanpy's default). */
    default Atlas neighbors() {
        return Atlas.of(Neighbors.apply(atlas(), Neighbors.Options.defaults()));
    }

    /** kNN graph with a metric ("euclidean", "cosine", "manhattan") on obsm[rep] (e.g. "X_scgpt"). */
    default Atlas neighbors(int k, String metric, String rep) {
        return Atlas.of(Neighbors.apply(atlas(), Neighbors.Options.defaults().withNNeighbors(k)
                .withMetric(Knn.Metric.parse(metric)).withUseRep(rep)));
    }

    default Atlas neighbors(Neighbors.Options options) {
        return Atlas.of(Neighbors.apply(atlas(), options));
    }

    /** UMAP embedding into obsm["X_umap"] with scanpy's defaults; see {@link Umap}. */
    default Atlas umap() {
        return Atlas.of(Umap.apply(atlas(), Umap.Options.defaults()));
    }

    default Atlas umap(Umap.Options options) {
        return Atlas.of(Umap.apply(atlas(), options));
    }

    /** Leiden clusters at {@code resolution} into obs["leiden"] (seed 0); see {@link Leiden}. */
    default Atlas leiden(double resolution) {
        return Atlas.of(Leiden.apply(atlas(), Leiden.Options.defaults().withResolution(resolution)));
    }

    /** Leiden clusters at {@code resolution} with a seed. */
    default Atlas leiden(double resolution, long seed) {
        return Atlas.of(Leiden.apply(atlas(), Leiden.Options.defaults().withResolution(resolution).withSeed(seed)));
    }

    default Atlas leiden(Leiden.Options options) {
        return Atlas.of(Leiden.apply(atlas(), options));
    }

    /** Marker genes of each obs[groupBy] group vs the rest by "t-test" or "wilcoxon"; see {@link RankGenesGroups}. */
    default Atlas rankGenesGroups(String groupBy, String method) {
        return Atlas.of(RankGenesGroups.apply(atlas(), groupBy, RankGenesGroups.Options.defaults()
                .withMethod(RankGenesGroups.Method.parse(method))));
    }

    /** Marker genes by Welch's t-test (scanpy's default method). */
    default Atlas rankGenesGroups(String groupBy) {
        return Atlas.of(RankGenesGroups.apply(atlas(), groupBy, RankGenesGroups.Options.defaults()));
    }

    default Atlas rankGenesGroups(String groupBy, RankGenesGroups.Options options) {
        return Atlas.of(RankGenesGroups.apply(atlas(), groupBy, options));
    }

    /** Gene-set score into obs["score"]; see {@link ScoreGenes}. */
    default Atlas scoreGenes(Collection<String> geneSet) {
        return Atlas.of(ScoreGenes.apply(atlas(), geneSet, ScoreGenes.Options.defaults()));
    }

    default Atlas scoreGenes(Collection<String> geneSet, ScoreGenes.Options options) {
        return Atlas.of(ScoreGenes.apply(atlas(), geneSet, options));
    }

    // ------------------------------------------------------------------ batch integration

    /** Harmony on obsm["X_pca"] for obs[batchKey], writing obsm["X_harmony"]; see {@link Harmony}. */
    default Atlas harmonize(String batchKey) {
        return Atlas.of(Harmony.apply(atlas(), List.of(batchKey), Harmony.Options.defaults()));
    }

    /** Harmony with options (e.g. {@code withUseRep("X_scgpt")}, {@code withTheta(2)}). */
    default Atlas harmonize(String batchKey, Harmony.Options options) {
        return Atlas.of(Harmony.apply(atlas(), List.of(batchKey), options));
    }

    /** Harmony over several batch variables at once (e.g. donor and stim). */
    default Atlas harmonize(List<String> batchKeys, Harmony.Options options) {
        return Atlas.of(Harmony.apply(atlas(), batchKeys, options));
    }

    /** Integration metrics (ASW, LISI, ARI/NMI) of obsm[rep] as a row of uns["integration_metrics"]; see {@link IntegrationMetrics}. */
    default Atlas integrationMetrics(String batchKey, String labelKey, String rep) {
        return Atlas.of(IntegrationMetrics.apply(atlas(), batchKey, labelKey, rep, IntegrationMetrics.Options.defaults()));
    }

    default Atlas integrationMetrics(String batchKey, String labelKey, String rep, IntegrationMetrics.Options options) {
        return Atlas.of(IntegrationMetrics.apply(atlas(), batchKey, labelKey, rep, options));
    }

    /** The before/after table written by integrationMetrics (one row per representation). */
    default Table integrationMetricsTable() {
        if (!(atlas().uns().get(IntegrationMetrics.UNS_KEY) instanceof Table t)) {
            throw new AtlasException("no integration metrics; run integrationMetrics(batchKey, labelKey, rep) first");
        }
        return t;
    }
}
