import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.core.Progress;
import org.scjava.models.ModelOptions;
import org.scjava.models.Models;
import org.scjava.models.api.FoundationModel;
import org.scjava.models.geneformer.GeneformerModel;
import org.scjava.models.io.Npy;
import org.scjava.models.runtime.EncoderSpec;
import org.scjava.models.runtime.Runtimes;
import org.scjava.models.scgpt.ScGptModel;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * scjava side of the model benchmark (see bench/models/README.md; run through run.sh): embeds the fixed 64-cell PBMC
 * sample with the real-size random-init scGPT and Geneformer checkpoints made by make_models.py, times tokenisation +
 * forward + pooling (model loading excluded, one warm-up call first, best of BENCH_REPS=2 runs as on the Python side), measures the machine's fp32 GEMM rate through
 * the same libtorch, and prints cells/s, achieved FLOP/s, % of GEMM peak and the ratio to the Python reference's
 * numbers (reference.py, run just before by run.sh). Also checks that both sides agree on the embeddings of cells
 * that were not randomly sub-sampled.
 *
 * Usage: java -cp CLASSPATH bench/models/ModelBench.java WORK_DIR THREADS REFERENCE.json scgpt|geneformer
 */
public class ModelBench {

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        Path refFile = Path.of(args[2]);
        String which = args[3];
        Path root = Path.of(System.getProperty("scjava.repo.root", "."));
        Progress.setFactory((task, total, unit) -> Progress.none());
        ModelOptions opts = ModelOptions.defaults().withThreads(threads).withSeed(0);

        List<String> cells = Files.readAllLines(root.resolve("bench/models/pbmc64_cells.txt")).stream()
                .filter(s -> !s.isBlank()).toList();
        Atlas sample = Atlas.load(root.resolve("data/pbmc4k_soupx_2170cells_counts.h5ad")).subset(cells, null);
        JsonObject ref = new Gson().fromJson(Files.readString(refFile), JsonObject.class);
        double[] gemmRates = gemmGflops();
        double gemm = gemmRates[0];

        Map<String, Object> out = new LinkedHashMap<>();
        try (FoundationModel m = which.equals("scgpt") ? Models.scGPT(work.resolve("scgpt"), opts)
                : Models.geneformer(work.resolve("geneformer"), opts)) {
            EncoderSpec spec = m instanceof ScGptModel s ? s.spec() : ((GeneformerModel) m).spec();
            int hidden = m instanceof GeneformerModel g ? g.embeddingHiddenState() : spec.layers();
            m.embedCells(sample.subset(cells.subList(0, 2), null)); // warm-up (TorchScript compile, JIT)
            float[][] emb = null;
            double sec = Double.MAX_VALUE;
            double cpu = 0;
            for (int rep = 0; rep < Integer.parseInt(System.getenv().getOrDefault("BENCH_REPS", "2")); rep++) {
                long cpu0 = cpuNanos();
                long t0 = System.nanoTime();
                emb = m.embedCells(sample);
                double s = (System.nanoTime() - t0) / 1e9;
                if (s < sec) {
                    sec = s;
                    cpu = (cpuNanos() - cpu0) / 1e9;
                }
            }
            int[] lengths = m.tokenize(sample).lengths();
            double flops = 0;
            for (int len : lengths) {
                flops += spec.flops(len) * hidden / spec.layers();
            }
            JsonObject py = ref.getAsJsonObject(which);
            double pyRate = py.get("cells_per_s").getAsDouble();
            double rate = emb.length / sec;
            out.put("model", which);
            out.put("threads", threads);
            out.put("engine", Runtimes.engine().info());
            out.put("scjava_cells_per_s", rate);
            out.put("scjava_seconds", sec);
            out.put("scjava_cpu_seconds", cpu);
            out.put("python_cells_per_s", pyRate);
            out.put("python_seconds", py.get("seconds").getAsDouble());
            out.put("python_cpu_seconds", py.get("cpu_seconds").getAsDouble());
            out.put("ratio_wall", rate / pyRate);
            out.put("ratio_cpu", py.get("cpu_seconds").getAsDouble() / cpu);
            out.put("gemm_gflops_libtorch", gemm);
            out.put("gemm_gflops_python", ref.get("gemm_gflops").getAsDouble());
            out.put("model_gflop", flops / 1e9);
            out.put("achieved_gflops", flops / sec / 1e9);
            double peak = Math.max(gemm, ref.get("gemm_gflops").getAsDouble());
            out.put("fraction_of_gemm_peak", flops / sec / 1e9 / peak);
            // contention-robust: FLOPs per CPU-second of this process vs the GEMM's FLOPs per CPU-second
            out.put("gemm_gflop_per_cpu_s", gemmRates[1]);
            out.put("model_gflop_per_cpu_s", flops / cpu / 1e9);
            out.put("cpu_efficiency_vs_gemm", flops / cpu / 1e9 / gemmRates[1]);
            out.put("max_abs_diff_vs_python", compare(emb, lengths, py, work.resolve("python_" + which + ".npy"),
                    which.equals("scgpt") ? 1200 : Integer.MAX_VALUE));
            out.put("load_average", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
        System.out.println(new GsonBuilder().setPrettyPrinting().create().toJson(out));
        System.out.printf(Locale.ROOT, "%s: scjava %.3f cells/s vs Python %.3f cells/s -> %.2fx (CPU-time ratio %.2fx);"
                        + " model %.1f GFLOP/s = %.0f%% of GEMM peak %.0f GFLOP/s; per CPU-second %.0f%% of GEMM;"
                        + " load %.1f%n", which,
                out.get("scjava_cells_per_s"), out.get("python_cells_per_s"), out.get("ratio_wall"), out.get("ratio_cpu"),
                out.get("achieved_gflops"), 100 * (double) out.get("fraction_of_gemm_peak"),
                Math.max(gemm, ref.get("gemm_gflops").getAsDouble()), 100 * (double) out.get("cpu_efficiency_vs_gemm"),
                out.get("load_average"));
    }

    /** Max |scjava - python| over cells not randomly sub-sampled (scGPT samples genes above 1200 tokens). */
    private static double compare(float[][] emb, int[] lengths, JsonObject py, Path npy, int sampledAbove) {
        float[] p = Npy.read(npy).toFloatArray();
        var pyLengths = py.getAsJsonArray("lengths");
        int d = emb[0].length;
        double max = 0;
        for (int c = 0; c < emb.length; c++) {
            if (lengths[c] >= sampledAbove || pyLengths.get(c).getAsInt() != lengths[c]) {
                continue;
            }
            for (int k = 0; k < d; k++) {
                max = Math.max(max, Math.abs(emb[c][k] - p[c * d + k]));
            }
        }
        return max;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Best of 10 fp32 2048x2048 matmuls through libtorch: {GFLOP per wall second, GFLOP per CPU second}. */
    private static double[] gemmGflops() {
        int n = 2048;
        double best = 0;
        double bestCpu = 0;
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray a = m.randomNormal(new Shape(n, n));
            NDArray b = m.randomNormal(new Shape(n, n));
            for (int r = 0; r < 10; r++) {
                long t = System.nanoTime();
                long c = cpuNanos();
                try (NDArray p = a.matMul(b)) {
                    p.toFloatArray();
                }
                double flop = 2.0 * n * n * n;
                best = Math.max(best, flop / ((System.nanoTime() - t) / 1e9) / 1e9);
                bestCpu = Math.max(bestCpu, flop / (Math.max(cpuNanos() - c, 1) / 1e9) / 1e9);
            }
        }
        return new double[] {best, bestCpu};
    }
}
