package org.scjava.dsl.tasks.programs;

import org.scjava.dsl.pl.Figure;
import org.scjava.dsl.pl.PlotOptions;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Map;

/**
 * What {@code genePrograms} returns: {@code genes} (the universe that was clustered and tested), {@code membership} (gene, module), {@code summary} (one row per module:
 * n_genes, coherence, n_enriched_sets, top_set, top_p_adj, genes), {@code enrichment} (significant module × gene-set
 * rows, see {@link Enrichment}), {@code groupScores} (mean module score per obs group; null without a group column)
 * and the module → genes map.
 */
public record GeneProgramsResult(String source, List<String> genes, Table membership, Table summary, Table enrichment,
                                 Table groupScores, Map<String, List<String>> moduleGenes) {

    /** Modules with at least one enriched gene set. */
    public int nEnrichedModules() {
        return (int) summary.intColumn("n_enriched_sets").asList().stream().filter(n -> n > 0).count();
    }

    /** Mean coherence (mean pairwise Pearson r of member genes) over modules. */
    public double meanCoherence() {
        return summary.doubleColumn("coherence").mean();
    }

    /** Mean score per program and group, scaled per program; see {@link ProgramHeatmap}. */
    public Figure heatmap() {
        return ProgramHeatmap.plot(this, PlotOptions.defaults());
    }

    @Override
    public String toString() {
        return "GeneProgramsResult[" + source + ": " + moduleGenes.size() + " modules, " + nEnrichedModules()
                + " enriched, mean coherence " + String.format(java.util.Locale.ROOT, "%.3f", meanCoherence()) + "]\n"
                + summary.print(30);
    }
}
