package org.scjava.notebooks;

import org.junit.jupiter.api.Test;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.pl.Figure;
import org.scjava.dsl.pl.GridFigure;
import org.scjava.models.Models;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes the figure gallery, docs/gallery/README.md: one figure per plot verb, drawn from the bundled data (PBMC 4k;
 * Kang et al. for the batch-integration metrics, which need two batches) with the call that made it, so a reader sees
 * what scjava draws before installing it. PNGs at 2× (192 dpi), shown at their pixel size. Run by {@code ./scjava
 * test}; commit the folder when the figures change.
 */
class FigureGalleryIT {

    static final Path GALLERY = Repo.ROOT.resolve("docs/gallery");
    static final List<String> MARKERS = List.of("CD3E", "IL7R", "CD8A", "NKG7", "GNLY", "MS4A1", "CD79A", "CD14",
            "LYZ", "FCGR3A", "FCER1A", "PPBP");

    private record Entry(String file, String title, String code, Figure figure) {
    }

    private final List<Entry> entries = new ArrayList<>();

    private void add(String file, String title, String code, Supplier<Figure> figure) {
        entries.add(new Entry(file, title, code, figure.get()));
    }

    @Test
    void galleryOfEveryPlotVerb() throws Exception {
        Atlas pbmc = Atlas.load(Repo.ROOT.resolve("data/pbmc4k_soupx_2170cells_counts.h5ad").toString());
        pbmc.qcMetrics();
        add("qc.png", "Quality control", "atlas.qcMetrics();\natlas.plotQc()", pbmc::plotQc);
        add("violin.png", "Violin plot", "atlas.plotViolin(\"total_counts\", \"cell_type\")",
                () -> pbmc.plotViolin("total_counts", "cell_type"));
        Atlas a = pbmc.filterCells(200).filterGenes(3);
        a.normalizeTotal(1e4).log1p().highlyVariableGenes(2000).scale(10).pca(50);
        add("pca.png", "PCA", "atlas.plotEmbedding(\"X_pca\", \"cell_type\")",
                () -> a.plotEmbedding("X_pca", "cell_type"));
        a.neighbors(15).umap().leiden(1.0);
        add("umap_leiden.png", "UMAP coloured by cluster (12 clusters, natural order, scanpy's palette)",
                "atlas.plotUmap(\"leiden\")", () -> a.plotUmap("leiden"));
        add("umap_gene.png", "UMAP coloured by a gene (colour bar)", "atlas.plotUmap(\"CD3E\")",
                () -> a.plotUmap("CD3E"));
        Atlas annotated = a.copy().annotateZeroShot();
        add("umap_confidence.png", "UMAP coloured by a numeric obs column",
                "atlas.copy().annotateZeroShot().plotUmap(\"predicted_confidence\")",
                () -> annotated.plotUmap("predicted_confidence"));
        add("dotplot.png", "Dot plot of marker genes", "atlas.plotDotPlot(List.of(\"CD3E\", \"IL7R\", ...), \"leiden\")",
                () -> a.plotDotPlot(MARKERS, "leiden"));
        add("heatmap.png", "Heatmap (matrix plot) of marker genes", "atlas.plotHeatmap(markers, \"leiden\")",
                () -> a.plotHeatmap(MARKERS, "leiden"));
        add("grid.png", "Several panels in one figure", "GridFigure.of(2, atlas.plotUmap(\"leiden\"), "
                        + "atlas.plotUmap(\"cell_type\"), annotated.plotUmap(\"predicted_cell_type\"), "
                        + "atlas.plotUmap(\"MS4A1\"))",
                () -> GridFigure.of(2, a.plotUmap("leiden"), a.plotUmap("cell_type"),
                        annotated.plotUmap("predicted_cell_type"), a.plotUmap("MS4A1")));
        perturbation();
        integration();
        write();
    }

    /** In-silico perturbation with the bundled random-weight Geneformer (the figure, not the biology, is the point). */
    private void perturbation() {
        Atlas counts = Atlas.load(Repo.ROOT.resolve("data/pbmc4k_soupx_2170cells_counts.h5ad").toString());
        Atlas cells = counts.subset(new Random(0).ints(0, counts.nObs()).distinct().limit(200).sorted().toArray(), null);
        try (var geneformer = Models.geneformer(Repo.NOTEBOOKS.resolve("models/geneformer-tiny").toString())) {
            cells.perturb(geneformer, "CD3E", "overexpress");
            add("perturbation.png", "In-silico perturbation (random test weights)",
                    "cells.perturb(geneformer, \"CD3E\", \"overexpress\");\ncells.plotPerturbation()",
                    cells::plotPerturbation);
        }
    }

    /** PCA vs Harmony on the two batches (ctrl / IFN-β) of Kang et al. */
    private void integration() {
        Atlas kang = Atlas.load(Repo.ROOT.resolve("data/kang_ifnb_pbmc_muscat_1556cells_counts.h5ad").toString());
        kang.normalizeTotal(1e4).log1p().highlyVariableGenes(1000).scale(10).pca(30);
        kang.integrationMetrics("stim", "cell_type", "X_pca");
        kang.harmonize("stim").integrationMetrics("stim", "cell_type", "X_harmony");
        add("integration_metrics.png", "Integration metrics, before and after Harmony (Kang et al. data)",
                "kang.integrationMetrics(\"stim\", \"cell_type\", \"X_pca\");\nkang.harmonize(\"stim\")"
                        + ".integrationMetrics(\"stim\", \"cell_type\", \"X_harmony\");\nkang.plotIntegrationMetrics()",
                kang::plotIntegrationMetrics);
    }

    private void write() throws Exception {
        Files.createDirectories(GALLERY);
        StringBuilder md = new StringBuilder("""
                # Figure gallery

                What scjava's plot verbs draw, on the bundled data (`data/`): PBMC 4k, 2,170 cells, through the
                quickstart pipeline (QC, normalisation, 2,000 HVGs, PCA, kNN graph, UMAP, Leiden); Kang et al. for the
                batch-integration metrics. Written by `notebooks/src/test/java/org/scjava/notebooks/FigureGalleryIT.java`
                (run by `./scjava test`). Every figure also saves as SVG and PDF: `figure.save("umap.pdf")`.

                """);
        for (Entry e : entries) {
            Path file = GALLERY.resolve(e.file());
            Files.write(file, e.figure().toPng());
            assertThat(Files.size(file)).as(e.file()).isGreaterThan(20_000);
            md.append("## ").append(e.title()).append("\n\n```java\n").append(e.code()).append("\n```\n\n<img src=\"")
                    .append(e.file()).append("\" width=\"").append(e.figure().width()).append("\" alt=\"")
                    .append(e.title()).append("\">\n\n");
        }
        Files.writeString(GALLERY.resolve("README.md"), md.toString());
        assertThat(entries).hasSizeGreaterThanOrEqualTo(11);
    }
}
