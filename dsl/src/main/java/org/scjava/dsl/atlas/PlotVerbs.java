package org.scjava.dsl.atlas;


import org.scjava.dsl.pl.DotPlot;
import org.scjava.dsl.pl.EmbeddingPlot;
import org.scjava.dsl.pl.Figure;
import org.scjava.dsl.pl.HeatmapPlot;
import org.scjava.dsl.pl.PlotOptions;
import org.scjava.dsl.pl.QcHistograms;
import org.scjava.dsl.pl.ViolinPlot;

import java.util.List;

/**
 * Plotting verbs (scanpy's {@code pl}): XChart figures returned as objects so notebooks render them inline and
 * scripts save them ({@link Figure#save}, PNG or SVG). Plot verbs read the Atlas and write nothing.
 *
 * <p>A mixin of {@link Atlas}: each default method is a one-line facade over the verb's own class in this
 * package, so the verb also has a static form that works on plain data.
 */
public interface PlotVerbs {

    /** The Atlas this mixin belongs to (Atlas is the only implementation). */
    private Atlas atlas() {
        return (Atlas) this;
    }

    /** obsm["X_umap"] coloured by an obs column or a gene; see {@link EmbeddingPlot}. */
    default Figure plotUmap(String color) {
        return EmbeddingPlot.plot(atlas(), "X_umap", color, PlotOptions.defaults());
    }

    /** obsm["X_umap"] without colouring. */
    default Figure plotUmap() {
        return EmbeddingPlot.plot(atlas(), "X_umap", null, PlotOptions.defaults());
    }

    /** Any 2-d embedding (obsm key, e.g. "X_pca", "X_tsne", "X_harmony") coloured by an obs column or gene. */
    default Figure plotEmbedding(String basis, String color) {
        return EmbeddingPlot.plot(atlas(), basis, color, PlotOptions.defaults());
    }

    default Figure plotEmbedding(String basis, String color, PlotOptions options) {
        return EmbeddingPlot.plot(atlas(), basis, color, options);
    }

    /** Violins of a gene or numeric obs column per group; see {@link ViolinPlot}. */
    default Figure plotViolin(String key, String groupBy) {
        return ViolinPlot.plot(atlas(), key, groupBy, PlotOptions.defaults());
    }

    /** Dot plot of marker genes × groups; see {@link DotPlot}. */
    default Figure plotDotPlot(List<String> genes, String groupBy) {
        return DotPlot.plot(atlas(), genes, groupBy, PlotOptions.defaults().withSize(160 + 60 * genes.size(), 480));
    }

    /** Heatmap of per-group mean expression, each gene scaled to [0, 1]; see {@link HeatmapPlot}. */
    default Figure plotHeatmap(List<String> genes, String groupBy) {
        return HeatmapPlot.plot(atlas(), genes, groupBy, true, PlotOptions.defaults());
    }

    /** Histograms of n_genes_by_counts, total_counts and pct_counts_mt (run qcMetrics() first). */
    default Figure plotQc() {
        return QcHistograms.plot(atlas(), PlotOptions.defaults().withSize(1200, 360));
    }
}
