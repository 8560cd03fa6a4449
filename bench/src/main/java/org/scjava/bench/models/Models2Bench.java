package org.scjava.bench.models;

import org.scjava.dsl.atlas.Atlas;
import org.scjava.models.ModelOptions;
import org.scjava.models.esm2.Esm2Model;
import org.scjava.models.scbert.ScBertModel;
import org.scjava.models.scfoundation.ScFoundationModel;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * scjava side of bench/models/models2-vs-python.sh: embeds the benchmark cells with scBERT and scFoundation and the
 * benchmark proteins with ESM-2 at real model sizes (random weights), after one untimed warm-up item, end to end
 * (tokenisation + forward + pooling; loading excluded). Prints model, items, wall seconds, items/s and process CPU
 * seconds (all threads, libtorch's included; the fair measure on a shared machine) per line and writes the
 * embeddings as raw little-endian float32 to WORK_DIR/&lt;model&gt;_java.f32 for the script's comparison.
 *
 * <p>Usage: {@code Models2Bench WORK_DIR THREADS MODELS(comma list)}
 */
public final class Models2Bench {

    private Models2Bench() {
    }

    public static void main(String[] args) {
        Path work = Path.of(args[0]);
        ModelOptions options = ModelOptions.defaults().withThreads(Integer.parseInt(args[1]));
        Atlas cells = Atlas.load(work.resolve("cells.h5ad"));
        Atlas warm = cells.subset(new int[] {0}, java.util.stream.IntStream.range(0, cells.nVars()).toArray());
        for (String name : args[2].split(",")) {
            switch (name) {
                case "scbert" -> {
                    try (ScBertModel m = ScBertModel.builder().setPath(work.resolve("scbert/panglao_pretrain.pth"))
                            .optGenes(work.resolve("scbert/genes.txt")).optOptions(options).build()) {
                        m.embedCells(warm);
                        time(name, work, () -> m.embedCells(cells));
                    }
                }
                case "scfoundation" -> {
                    try (ScFoundationModel m = ScFoundationModel.builder().setPath(work.resolve("scfoundation/models.ckpt"))
                            .optOptions(options).build()) {
                        m.embedCells(warm);
                        time(name, work, () -> m.embedCells(cells));
                    }
                }
                case "esm2" -> {
                    try (Esm2Model m = Esm2Model.builder().setCheckpoint(work.resolve("esm2/esm2_t6_8M_UR50D.pt"))
                            .optOptions(options).build()) {
                        m.embedProteins(java.util.List.of("warm"), java.util.List.of("MKTAYIAKQRQISFVKSHFSRQ"));
                        time(name, work, () -> m.embed(work.resolve("esm2/proteins.fasta")).mean());
                    }
                }
                default -> throw new IllegalArgumentException("unknown model " + name);
            }
        }
    }

    private static void time(String name, Path work, java.util.function.Supplier<float[][]> run) {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long t = System.nanoTime();
        float[][] emb = run.get();
        double secs = (System.nanoTime() - t) / 1e9;
        double cpuSecs = (os.getProcessCpuTime() - cpu) / 1e9;
        System.out.printf(Locale.ROOT, "%s\t%d\t%.3f\t%.4f\t%.3f%n", name, emb.length, secs, emb.length / secs, cpuSecs);
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(work.resolve(name + "_java.f32")))) {
            for (float[] row : emb) {
                for (float v : row) {
                    out.writeInt(Integer.reverseBytes(Float.floatToRawIntBits(v)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
