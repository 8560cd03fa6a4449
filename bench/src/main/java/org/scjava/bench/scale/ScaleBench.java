package org.scjava.bench.scale;

import org.scjava.dsl.api.CellEmbedder;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.atlas.BackedAtlas;
import org.scjava.dsl.core.CsrMatrix;
import org.scjava.models.Models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * scjava side of bench/scale/scale-bench.sh. Modes (one line of tab-separated results each):
 * <ul>
 *   <li>{@code read FILE BLOCK}: streams X in row blocks from a backed atlas; prints cells, CSR MB (uncompressed
 *       data + indices), seconds, MB/s, peak RSS MB, process CPU seconds;</li>
 *   <li>{@code embed-backed FILE MODEL_DIR BLOCK}: {@code Atlas.open(FILE).embed(scGPT)} streaming into the same
 *       file; prints cells, seconds, cells/s, peak RSS MB;</li>
 *   <li>{@code embed-memory FILE MODEL_DIR}: {@code Atlas.load(FILE).embed(scGPT)} (X in memory; load included);
 *       same columns.</li>
 * </ul>
 * Peak RSS is the process's VmHWM from /proc/self/status. Models load and warm up on one cell before timing.
 */
public final class ScaleBench {

    private ScaleBench() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[1]);
        switch (args[0]) {
            case "read" -> read(file, Integer.parseInt(args[2]));
            case "embed-backed" -> embed(file, Path.of(args[2]), Integer.parseInt(args[3]));
            case "embed-memory" -> embed(file, Path.of(args[2]), 0);
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void read(Path file, int block) throws IOException {
        long cpu0 = cpuNanos();
        long t = System.nanoTime();
        long bytes = 0;
        int cells;
        try (BackedAtlas b = Atlas.open(file)) {
            cells = b.nObs();
            for (BackedAtlas.RowBlock r : b.rowBlocks(block)) {
                CsrMatrix x = r.x();
                bytes += 8L * x.nnz();
            }
        }
        double s = (System.nanoTime() - t) / 1e9;
        System.out.printf(Locale.ROOT, "read\t%d\t%.1f\t%.2f\t%.1f\t%d\t%.2f%n", cells, bytes / 1e6, s, bytes / 1e6 / s,
                peakRssMb(), (cpuNanos() - cpu0) / 1e9);
    }

    private static void embed(Path file, Path modelDir, int block) throws IOException {
        try (var model = Models.scGPT(modelDir)) {
            warmUp(file, model);
            long t = System.nanoTime();
            int cells;
            if (block > 0) {
                try (BackedAtlas b = Atlas.open(file)) {
                    cells = b.nObs();
                    org.scjava.dsl.stream.BackedEmbed.embed(b, model, "X_" + model.name(), block);
                }
            } else {
                Atlas a = Atlas.load(file);
                cells = a.nObs();
                a.embed(model);
            }
            double s = (System.nanoTime() - t) / 1e9;
            System.out.printf(Locale.ROOT, "%s\t%d\t%.2f\t%.1f\t%d%n", block > 0 ? "embed-backed" : "embed-memory", cells, s,
                    cells / s, peakRssMb());
        }
    }

    private static void warmUp(Path file, CellEmbedder model) {
        try (BackedAtlas b = Atlas.open(file)) {
            Atlas one = new Atlas(b.readRows(0, Math.min(64, b.nObs())), null, b.var());
            model.embedCells(one);
        }
    }

    static long peakRssMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }
}
