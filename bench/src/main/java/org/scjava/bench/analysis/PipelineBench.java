package org.scjava.bench.analysis;

import org.scjava.dsl.atlas.Atlas;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The scanpy-default pipeline in scjava, timed per step on a file: normalizeTotal(1e4)+log1p, highlyVariableGenes
 * (2000, seurat), scale(10), pca(50), neighbors(15), umap(), leiden(1.0). Loads once (not timed), runs the pipeline
 * RUNS times on fresh copies; prints "run\tstep\tseconds" like bench/analysis/python_pipeline.py and
 * seurat_pipeline.R. Usage: PipelineBench FILE.h5ad RUNS
 */
public final class PipelineBench {

    private PipelineBench() {
    }

    public static void main(String[] args) {
        Atlas loaded = Atlas.load(Path.of(args[0]));
        int runs = Integer.parseInt(args[1]);
        for (int r = 1; r <= runs; r++) {
            Atlas a = loaded.copy();
            long[] t = {System.nanoTime()};
            int run = r;
            Runnable[] steps = {
                () -> a.normalizeTotal(1e4).log1p(), () -> a.highlyVariableGenes(2000), () -> a.scale(10),
                () -> a.pca(50), () -> a.neighbors(15), a::umap, () -> a.leiden(1.0)};
            String[] names = {"normalize", "hvg", "scale", "pca", "neighbors", "umap", "cluster"};
            for (int s = 0; s < steps.length; s++) {
                steps[s].run();
                long now = System.nanoTime();
                System.out.printf(Locale.ROOT, "%d\t%s\t%.4f%n", run, names[s], (now - t[0]) / 1e9);
                t[0] = now;
            }
        }
    }
}
