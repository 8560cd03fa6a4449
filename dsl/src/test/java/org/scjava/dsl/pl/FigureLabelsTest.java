package org.scjava.dsl.pl;

import org.junit.jupiter.api.Test;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.core.Categories;
import org.scjava.dsl.pp.Columns;
import org.scjava.dsl.tasks.perturb.PerturbationPlots;
import org.scjava.dsl.tasks.programs.GeneProgramsResult;
import org.scjava.dsl.tasks.programs.ProgramHeatmap;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every plot verb rendered to SVG, read back as a person reads it: the texts that must be there (gene names, group
 * names, axis titles, colour-bar and size-key titles), category labels in natural order, and round numbers on
 * numeric axes.
 */
class FigureLabelsTest {

    private static final List<String> GENES = List.of("CD3E", "MS4A1", "LYZ", "NKG7");
    /** A text element, with the transform of the group VectorGraphics2D wraps it in (its anchor's translation). */
    private static final Pattern TEXT = Pattern.compile("(?:<g transform=\"(translate|matrix)\\(([^)]*)\\)\">\\s*)?"
            + "<text[^>]*? x=\"([-0-9.eE]+)\" y=\"([-0-9.eE]+)\"[^>]*>([^<]*)</text>");
    private static final Pattern ROUND = Pattern.compile("-?\\d+(\\.\\d{1,3})?|-?\\d(\\.\\d+)?e-?\\d+");

    /** A text element of an SVG: its content and where its anchor is on the figure. */
    record Label(String text, double x, double y) {
    }

    static List<Label> labels(Figure figure) {
        List<Label> out = new ArrayList<>();
        Matcher m = TEXT.matcher(figure.toSvg());
        while (m.find()) {
            String t = m.group(5).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                    .replace("&#39;", "'").replace("&amp;", "&");
            double[] f = {1, 0, 0, 1, 0, 0};
            if (m.group(1) != null) {
                String[] v = m.group(2).trim().split("[ ,]+");
                if (m.group(1).equals("translate")) {
                    f[4] = Double.parseDouble(v[0]);
                    f[5] = v.length > 1 ? Double.parseDouble(v[1]) : 0;
                } else {
                    for (int k = 0; k < 6; k++) {
                        f[k] = Double.parseDouble(v[k]);
                    }
                }
            }
            // the anchor is the group's origin: Text.draw translates there and offsets the text for alignment
            out.add(new Label(t, f[4], f[5]));
        }
        return out;
    }

    static List<String> texts(Figure f) {
        return labels(f).stream().map(Label::text).toList();
    }

    /** The synthetic atlas of {@link PlotTest} with 12 clusters whose categories are stored in string order. */
    static Atlas twelveClusters() {
        Atlas a = PlotTest.atlas(600);
        String[] cluster = new String[600];
        for (int i = 0; i < cluster.length; i++) {
            cluster[i] = Integer.toString(i % 12);
        }
        Columns.put(a.obs(), StringColumn.create("cluster", cluster));
        List<String> stringOrder = new ArrayList<>();
        for (int c = 0; c < 12; c++) {
            stringOrder.add(Integer.toString(c));
        }
        stringOrder.sort(Comparator.naturalOrder()); // 0, 1, 10, 11, 2, ... as pandas stores string categories
        a.obsCategories().put("cluster", new Categories(stringOrder, false));
        double[] conf = new double[600];
        String[] batch = new String[600];
        for (int i = 0; i < conf.length; i++) {
            conf[i] = (i % 7) / 7.0;
            batch[i] = i % 2 == 0 ? "ctrl" : "stim";
        }
        Columns.put(a.obs(), DoubleColumn.create("predicted_confidence", conf));
        Columns.put(a.obs(), StringColumn.create("batch", batch));
        return a;
    }

    @Test
    void embeddingByCategoryHasAxisTitlesAndANaturallyOrderedLegend() {
        List<Label> l = labels(twelveClusters().plotUmap("cluster"));
        assertThat(l).extracting(Label::text).contains("cluster", "UMAP1", "UMAP2");
        List<String> legend = l.stream().filter(x -> x.text().matches("\\d+")).sorted(Comparator.comparingDouble(
                Label::y)).map(Label::text).toList();
        assertThat(legend).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11");
    }

    @Test
    void continuousColoursHaveATitledColourBar() {
        Atlas a = twelveClusters();
        assertThat(texts(a.plotEmbedding("X_umap", "predicted_confidence")))
                .contains("predicted_confidence", "0.00", "0.25", "0.50", "0.75");
        assertThat(texts(a.plotUmap("CD3E"))).contains("CD3E", "expression");
    }

    @Test
    void violinsAreLabelledWithTheirGroups() {
        List<String> t = texts(twelveClusters().plotViolin("NKG7", "cluster"));
        assertThat(t).contains("NKG7", "cluster", "0", "9", "10", "11");
        assertNumericTicksAreRound(t.stream().filter(s -> s.contains(".")).toList());
    }

    @Test
    void dotPlotNamesGenesGroupsAndBothKeys() {
        List<Label> l = labels(twelveClusters().plotDotPlot(GENES, "cluster"));
        assertThat(l).extracting(Label::text).containsAll(GENES).contains("cluster", "Fraction of cells",
                "in group (%)", "Mean expression", "in group", "10", "50");
        // groups listed top-down in natural order (y grows with the cluster number), left of the plot
        double plotLeft = l.stream().filter(x -> x.text().equals("CD3E")).findFirst().orElseThrow().x();
        List<String> groups = l.stream().filter(x -> x.text().matches("\\d+") && x.x() < plotLeft)
                .sorted(Comparator.comparingDouble(Label::y)).map(Label::text).toList();
        assertThat(groups).startsWith("0", "1", "2", "3").endsWith("10", "11");
    }

    @Test
    void heatmapNamesGenesGroupsAndColourBar() {
        assertThat(texts(twelveClusters().plotHeatmap(GENES, "cluster"))).containsAll(GENES)
                .contains("cluster", "11", "Mean expression", "(scaled per gene)", "0", "1");
    }

    @Test
    void qcPanelsHaveTitlesAndRoundTicks() {
        List<String> t = texts(PlotTest.atlas(800).qcMetrics().plotQc());
        assertThat(t).contains("n_genes_by_counts", "total_counts", "pct_counts_mt", "genes detected per cell",
                "counts per cell", "cells");
    }

    @Test
    void integrationMetricsHavePanelsPerMetricAndBarsPerRepresentation() {
        Atlas a = twelveClusters();
        a.integrationMetrics("batch", "leiden", "X_umap");
        List<String> t = texts(a.plotIntegrationMetrics());
        assertThat(t).contains("batch ASW", "(1 = batches mixed)", "iLISI", "cLISI", "ARI vs labels", "X_umap");
    }

    @Test
    void perturbationHistogramHasRoundTicksAndNamedAxes() {
        int n = 300;
        double[] cos = new double[n];
        for (int i = 0; i < n; i++) {
            cos[i] = 1 - 0.0123456789 * Math.sin(i) * Math.sin(i) - 1e-5 * i;
        }
        Table cells = Table.create("perturb", StringColumn.create("gene", java.util.Collections.nCopies(n, "IRF7")),
                StringColumn.create("mode", java.util.Collections.nCopies(n, "overexpress")),
                DoubleColumn.create("cos_sim_original_vs_perturbed", cos));
        List<String> t = texts(PerturbationPlots.cells(cells, PlotOptions.defaults()));
        assertThat(t).contains("in-silico overexpress of IRF7 (300 cells)", "1 − cos(original, perturbed embedding)",
                "cells");
        List<String> numbers = t.stream().filter(s -> s.matches("[-0-9.e]+")).toList();
        assertThat(numbers).hasSizeBetween(4, 16);
        assertNumericTicksAreRound(numbers);
    }

    @Test
    void perturbationScreenNamesGenesAndTheNull() {
        Table screen = Table.create("screen", StringColumn.create("gene", "IRF7", "B2M", "CD3E"),
                DoubleColumn.create("mean_shift", 0.02, 0.01, 0.005), DoubleColumn.create("null_mean", 0.01, 0.01, 0.01),
                DoubleColumn.create("null_sd", 0.002, 0.003, 0.002), DoubleColumn.create("p_adj", 0.01, 0.5, 0.9));
        assertThat(texts(PerturbationPlots.screen(screen, PlotOptions.defaults()))).contains("IRF7 *", "B2M", "CD3E",
                "perturbed gene", "random genes (mean ± sd)", "gene", "mean 1 − cos");
    }

    @Test
    void geneProgramHeatmapNamesProgramsAndGroups() {
        Table groups = Table.create("scores", StringColumn.create("group", "B", "T", "NK"),
                DoubleColumn.create("program_0", 0.1, 0.5, 0.2), DoubleColumn.create("program_1", 0.3, 0.1, 0.0));
        Table summary = Table.create("summary", StringColumn.create("module", "0", "1"),
                StringColumn.create("top_set", "response to virus", ""), IntColumn.create("n_enriched_sets", 1, 0),
                DoubleColumn.create("coherence", 0.2, 0.1));
        GeneProgramsResult r = new GeneProgramsResult("expression", List.of("A", "B"), Table.create("m"), summary,
                Table.create("e"), groups, Map.of("0", List.of("A"), "1", List.of("B")));
        assertThat(texts(ProgramHeatmap.plot(r, PlotOptions.defaults()))).contains("B", "T", "NK",
                "0: response to virus", "1", "mean score", "gene programs: expression");
    }

    @Test
    void aGridKeepsEveryPanelsLabels() {
        Atlas a = twelveClusters();
        assertThat(texts(GridFigure.of(2, a.plotUmap("cluster"), a.plotUmap("batch"), a.plotUmap("CD3E"))))
                .contains("cluster", "batch", "ctrl", "stim", "CD3E", "11");
    }

    private static void assertNumericTicksAreRound(List<String> numbers) {
        assertThat(numbers).allSatisfy(s -> assertThat(s).matches(ROUND));
    }
}
