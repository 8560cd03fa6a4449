import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.core.Progress;
import org.scjava.models.ModelOptions;
import org.scjava.models.Models;
import org.scjava.models.api.FoundationModel;
import org.scjava.models.runtime.GpuProbe;
import org.scjava.models.runtime.Runtimes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Real-size throughput of scGPT and Geneformer (random weights at the official sizes, made by
 * bench/models/make_models.py) on the PBMC 4k data: cells/s on the CPU (fp32) and on the GPU in fp32, fp16 and bf16,
 * with GPU/CPU ratios and each half format's deviation from the GPU fp32 embeddings (relative L2 per cell, worst cell).
 * Model loading and one warm-up batch are not timed; each configuration embeds the same cells, best of
 * {@code BENCH_REPS} (default 2) runs. The CPU runs a subset ({@code CPU_CELLS}, default 128) since it is ~100x slower.
 *
 * <p>Usage (bench/gpu/run.sh): {@code java -cp CP GpuBench WORK_DIR [GPU_CELLS]}; prints one line per configuration
 * and a summary table.
 */
public class GpuBench {

    static Atlas warmUpCells;

    record Row(String model, String config, int cells, double seconds, double worstRelative) {
        double rate() {
            return cells / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        Path root = Path.of(System.getProperty("scjava.repo.root", "."));
        Progress.setFactory((task, total, unit) -> Progress.none());
        Path data = root.resolve("data/pbmc4k_soupx_2170cells_counts.h5ad");
        int gpuCells = args.length > 1 ? Integer.parseInt(args[1]) : Integer.MAX_VALUE;
        int cpuCells = Integer.parseInt(System.getenv().getOrDefault("CPU_CELLS", "128"));
        Atlas gpuSet = first(data, gpuCells);
        Atlas cpuSet = first(data, cpuCells);
        warmUpCells = first(data, 8);
        boolean gpu = GpuProbe.probe().present();
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " CPU threads; "
                + GpuProbe.probe().describe());
        List<Row> rows = new ArrayList<>();
        for (String kind : List.of("scgpt", "geneformer")) {
            Path dir = work.resolve(kind);
            rows.add(time(kind, "cpu fp32", dir, ModelOptions.defaults(), cpuSet, null));
            if (!gpu) {
                continue;
            }
            Row fp32 = time(kind, "gpu fp32", dir, ModelOptions.defaults().withDevice("gpu"), gpuSet, null);
            rows.add(fp32);
            float[][] reference = embed(kind, dir, ModelOptions.defaults().withDevice("gpu"), gpuSet);
            for (String p : List.of("fp16", "bf16")) {
                rows.add(time(kind, "gpu " + p, dir, ModelOptions.defaults().withDevice("gpu").withPrecision(p), gpuSet,
                        reference));
            }
        }
        summary(rows);
        Runtimes.engine().report().forEach((k, v) -> System.out.println(k + ": " + v));
    }

    /** The first {@code n} cells of the h5ad at {@code data}, freshly loaded (so subsetting never touches another). */
    static Atlas first(Path data, int n) {
        Atlas a = Atlas.load(data);
        return n >= a.nObs() ? a : a.subset(new ArrayList<>(a.obsNames().subList(0, n)), null);
    }

    static float[][] embed(String kind, Path dir, ModelOptions o, Atlas cells) {
        try (FoundationModel m = Models.load(kind, dir, o)) {
            return m.embedCells(cells);
        }
    }

    static Row time(String kind, String config, Path dir, ModelOptions o, Atlas cells, float[][] reference) {
        Atlas warmUp = warmUpCells;
        int reps = Integer.parseInt(System.getenv().getOrDefault("BENCH_REPS", "2"));
        try (FoundationModel m = Models.load(kind, dir, o)) {
            String device = String.valueOf(m.provenance().get("device"));
            if (config.startsWith("gpu") && !device.startsWith("gpu")) {
                throw new IllegalStateException(kind + " " + config + " ran on " + device + ": "
                        + Runtimes.engine().report().get("--device gpu"));
            }
            m.embedCells(warmUp); // compile, allocator, kernels
            double best = Double.MAX_VALUE;
            float[][] out = null;
            for (int r = 0; r < reps; r++) {
                long t0 = System.nanoTime();
                out = m.embedCells(cells);
                best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            }
            double worst = reference == null ? Double.NaN : worstRelative(reference, out);
            Row row = new Row(kind, config, cells.nObs(), best, worst);
            System.out.printf(Locale.ROOT, "%-10s %-9s %5d cells %8.2f s %9.1f cells/s%s (batch %s, %s)%n", kind,
                    config, row.cells(), best, row.rate(), Double.isNaN(worst) ? ""
                            : String.format(Locale.ROOT, ", max rel. L2 vs gpu fp32 %.2g", worst),
                    m.provenance().get("batch_size"), m.provenance().get("engine"));
            return row;
        }
    }

    static double worstRelative(float[][] a, float[][] b) {
        double worst = 0;
        for (int c = 0; c < a.length; c++) {
            double diff = 0;
            double norm = 0;
            for (int i = 0; i < a[c].length; i++) {
                diff += ((double) b[c][i] - a[c][i]) * ((double) b[c][i] - a[c][i]);
                norm += (double) a[c][i] * a[c][i];
            }
            worst = Math.max(worst, Math.sqrt(diff / norm));
        }
        return worst;
    }

    static void summary(List<Row> rows) {
        System.out.println();
        System.out.println("== summary: cells/s (x = vs CPU fp32 of the same model) ==");
        for (Row r : rows) {
            double cpu = rows.stream().filter(c -> c.model().equals(r.model()) && c.config().equals("cpu fp32"))
                    .mapToDouble(Row::rate).findFirst().orElse(Double.NaN);
            System.out.printf(Locale.ROOT, "%-10s %-9s %10.1f cells/s %8.1fx%s%n", r.model(), r.config(), r.rate(),
                    r.rate() / cpu, Double.isNaN(r.worstRelative()) ? ""
                            : String.format(Locale.ROOT, "   deviation %.2g", r.worstRelative()));
        }
    }
}
