package org.scjava.bench.io;

import org.scjava.dsl.atlas.Atlas;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Times {@code Atlas.load} on each file: {@code warmup} untimed loads (JIT), then {@code repeats} timed loads; prints
 * one tab-separated line per file: file, median wall ms, min wall ms, mean process CPU ms per load (all threads:
 * JIT, GC and the parallel inflaters included), nnz. The CPU time is the fair number on a shared machine. The script
 * bench/io/read-vs-anndata.sh runs the same protocol in Python anndata and prints the ratios.
 */
public final class ReadBench {

    private ReadBench() {
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    public static void main(String[] args) {
        int warmup = Integer.parseInt(args[0]);
        int repeats = Integer.parseInt(args[1]);
        for (int f = 2; f < args.length; f++) {
            Path file = Path.of(args[f]);
            long nnz = 0;
            for (int i = 0; i < warmup; i++) {
                nnz = Atlas.load(file).x().storedValues();
            }
            double[] ms = new double[repeats];
            long cpu0 = cpuNanos();
            for (int i = 0; i < repeats; i++) {
                long t = System.nanoTime();
                Atlas a = Atlas.load(file);
                ms[i] = (System.nanoTime() - t) / 1e6;
                nnz = a.x().storedValues();
            }
            double cpuMs = (cpuNanos() - cpu0) / 1e6 / repeats;
            Arrays.sort(ms);
            System.out.printf(Locale.ROOT, "%s\t%.1f\t%.1f\t%.1f\t%d%n", file.getFileName(), ms[repeats / 2], ms[0], cpuMs,
                    nnz);
        }
    }
}
