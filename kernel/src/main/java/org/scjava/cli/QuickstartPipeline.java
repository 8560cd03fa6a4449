package org.scjava.cli;

import org.scjava.dsl.atlas.Atlas;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The quickstart without Jupyter ({@code ./scjava quickstart --no-notebook}): the standard clustering workflow of
 * notebooks/01-quickstart in this JVM — QC, normalize, log1p, HVG, scale, PCA, neighbors, UMAP, Leiden — printing a
 * summary (sizes, step times, clusters against the published labels) and saving the figures and the analysed h5ad.
 */
final class QuickstartPipeline {

    private QuickstartPipeline() {
    }

    /** Runs the workflow on {@code file}, writing figures and the analysed h5ad into {@code dir}. */
    static int run(Path file, Path dir) throws Exception {
        Files.createDirectories(dir);
        Steps steps = new Steps();

        Atlas loaded = steps.time("load", () -> Atlas.load(file));
        System.out.println(loaded);
        Atlas a = steps.time("qc + filter", () -> loaded.qcMetrics().filterCells(200).filterGenes(3));
        steps.time("normalize + log1p", () -> a.normalizeTotal(1e4).log1p());
        steps.time("highly variable genes", () -> a.highlyVariableGenes(2000));
        steps.time("scale", () -> a.scale(10));
        steps.time("pca", () -> a.pca(50));
        steps.time("neighbors", () -> a.neighbors(15));
        steps.time("umap", a::umap);
        steps.time("leiden", () -> a.leiden(1.0));

        a.plotQc().save(dir.resolve("qc.png"));
        a.plotUmap("leiden").save(dir.resolve("umap_leiden.png"));
        boolean labelled = a.obs().containsColumn("cell_type");
        if (labelled) {
            a.plotUmap("cell_type").save(dir.resolve("umap_cell_type.png"));
        }
        Path h5ad = dir.resolve("pbmc_analysed.h5ad");
        a.write(h5ad);

        System.out.println();
        System.out.printf(Locale.ROOT, "after QC: %d cells x %d genes%n", a.nObs(), a.nVars());
        steps.print();
        printClusters(a, labelled);
        System.out.println("\nwrote " + dir.resolve("umap_leiden.png") + (labelled ? ", umap_cell_type.png" : "")
                + ", qc.png and " + h5ad.getFileName() + " (readable by Python anndata)");
        return 0;
    }

    private static void printClusters(Atlas a, boolean labelled) {
        String[] clusters = a.obsStrings("leiden");
        String[] labels = labelled ? a.obsStrings("cell_type") : null;
        Map<String, Map<String, Integer>> table = new TreeMap<>((x, y) -> {
            try {
                return Integer.compare(Integer.parseInt(x), Integer.parseInt(y));
            } catch (NumberFormatException e) {
                return x.compareTo(y);
            }
        });
        for (int i = 0; i < clusters.length; i++) {
            table.computeIfAbsent(clusters[i], k -> new TreeMap<>()).merge(labels == null ? "-" : labels[i], 1, Integer::sum);
        }
        System.out.printf(Locale.ROOT, "%nLeiden (resolution 1.0): %d clusters%n", table.size());
        System.out.printf(Locale.ROOT, "%-8s %6s  %s%n", "cluster", "cells", labelled ? "most common published label" : "");
        table.forEach((c, counts) -> {
            int n = counts.values().stream().mapToInt(Integer::intValue).sum();
            var top = counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
            System.out.printf(Locale.ROOT, "%-8s %6d  %s%n", c, n,
                    labelled ? String.format(Locale.ROOT, "%s (%.0f%%)", top.getKey(), 100.0 * top.getValue() / n) : "");
        });
    }

    /** Wall time per step. */
    private static final class Steps {
        private final Map<String, Double> seconds = new java.util.LinkedHashMap<>();

        <T> T time(String name, java.util.function.Supplier<T> step) {
            long t = System.nanoTime();
            T result = step.get();
            seconds.put(name, (System.nanoTime() - t) / 1e9);
            return result;
        }

        void print() {
            double total = 0;
            for (var e : seconds.entrySet()) {
                System.out.printf(Locale.ROOT, "  %-24s %7.2f s%n", e.getKey(), e.getValue());
                total += e.getValue();
            }
            System.out.printf(Locale.ROOT, "  %-24s %7.2f s%n", "total", total);
        }
    }
}
