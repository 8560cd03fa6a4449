package org.scjava.bench.analysis;

import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.tl.Umap;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The analysis pipeline in scjava, timed per step on a file: normalizeTotal(1e4)+log1p, highlyVariableGenes
 * (2000, FLAVOR: seurat_v3 = Seurat's vst by default, or seurat), scale(10), pca(50), neighbors(15), umap(),
 * leiden(1.0). Loads once (not timed), runs the pipeline RUNS times on fresh copies; prints
 * "run\tstep\twall_seconds\tcpu_seconds" (cpu = the whole process, all threads) like
 * bench/analysis/python_pipeline.py and seurat_pipeline.R, then (up to 20,000 cells) the time of umap() in its
 * parallel (Hogwild!, not reproducible) mode as step "umap_parallel". Usage: PipelineBench FILE.h5ad RUNS [FLAVOR]
 */
public final class PipelineBench {

    private PipelineBench() {
    }

    public static void main(String[] args) {
        Atlas loaded = Atlas.load(Path.of(args[0]));
        int runs = Integer.parseInt(args[1]);
        String flavor = args.length > 2 ? args[2] : "seurat_v3";
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int r = 1; r <= runs; r++) {
            Atlas a = loaded.copy();
            Runnable[] steps = {
                () -> a.normalizeTotal(1e4).log1p(), () -> a.highlyVariableGenes(2000, flavor), () -> a.scale(10),
                () -> a.pca(50), () -> a.neighbors(15), a::umap, () -> a.leiden(1.0)};
            String[] names = {"normalize", "hvg", "scale", "pca", "neighbors", "umap", "cluster"};
            long wall = System.nanoTime();
            long cpu = os.getProcessCpuTime();
            for (int s = 0; s < steps.length; s++) {
                steps[s].run();
                long nowWall = System.nanoTime();
                long nowCpu = os.getProcessCpuTime();
                System.out.printf(Locale.ROOT, "%d\t%s\t%.4f\t%.4f%n", r, names[s], (nowWall - wall) / 1e9,
                        (nowCpu - cpu) / 1e9);
                wall = nowWall;
                cpu = nowCpu;
            }
            // the optional Hogwild! mode, reported beside the pipeline (not in its total: not reproducible);
            // skipped on large sets to keep the script's run time down
            if (a.nObs() > 20_000) {
                continue;
            }
            a.umap(Umap.Options.defaults().withParallel(true).withKeyAdded("X_umap_parallel"));
            System.out.printf(Locale.ROOT, "%d\tumap_parallel\t%.4f\t%.4f%n", r, (System.nanoTime() - wall) / 1e9,
                    (os.getProcessCpuTime() - cpu) / 1e9);
        }
    }
}
