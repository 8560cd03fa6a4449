package org.scjava.models;

import org.scjava.models.io.HostTensor;
import org.scjava.models.io.Npy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Arrays written by the OFFICIAL model code (src/test/resources/official/, produced by official/scripts/*.py from the
 * upstream repositories at the commits in official/README.md) and a record of the largest |scjava − official|
 * difference seen per model and output, written to {@code target/official-parity.tsv} when the test JVM exits so the
 * README's table can be refreshed from a test run.
 */
public final class OfficialParity {

    private static final Map<String, Double> WORST = new ConcurrentSkipListMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(OfficialParity::writeReport));
    }

    private OfficialParity() {
    }

    /** official/{model}/{name}. */
    public static Path path(String model, String name) {
        return Fixtures.resource("/official/" + model + "/" + name);
    }

    public static HostTensor array(String model, String name) {
        return Npy.read(path(model, name));
    }

    /** Asserts max |got − want| ≤ tol for one row/vector and records it under "model / output". */
    public static void assertClose(String model, String output, float[] got, float[] want, double tol, String where) {
        double d = Fixtures.maxAbsDiff(got, want);
        WORST.merge(model + "\t" + output, d, Math::max);
        assertThat(d).as("%s %s %s: |scjava - official|", model, output, where).isLessThanOrEqualTo(tol);
    }

    /** Asserts |got − want| ≤ tol for a scalar and records it. */
    public static void assertClose(String model, String output, double got, double want, double tol, String where) {
        double d = Math.abs(got - want);
        WORST.merge(model + "\t" + output, d, Math::max);
        assertThat(d).as("%s %s %s: |scjava - official| (scjava %s, official %s)", model, output, where, got, want)
                .isLessThanOrEqualTo(tol);
    }

    /** Records an exact comparison (integers, token ids) as difference 0 once it has passed. */
    public static void recordExact(String model, String output) {
        WORST.merge(model + "\t" + output, 0.0, Math::max);
    }

    /** Row {@code r} of a row-major [rows, width] float array. */
    public static float[] row(float[] flat, int r, int width) {
        return java.util.Arrays.copyOfRange(flat, r * width, (r + 1) * width);
    }

    private static void writeReport() {
        if (WORST.isEmpty()) {
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add("model\toutput\tmax_abs_diff");
        WORST.forEach((k, v) -> lines.add(k + "\t" + String.format(java.util.Locale.ROOT, "%.3g", v)));
        try {
            Path out = Path.of("target", "official-parity.tsv");
            Files.createDirectories(out.getParent());
            List<String> merged = new ArrayList<>(lines);
            if (Files.exists(out)) {     // several test classes in one JVM or reruns: keep other models' rows
                for (String old : Files.readAllLines(out)) {
                    String key = old.substring(0, old.lastIndexOf('\t'));
                    if (!old.startsWith("model\t") && !WORST.containsKey(key)) {
                        merged.add(old);
                    }
                }
            }
            Files.write(out, merged.stream().sorted((a, b) -> a.startsWith("model\t") ? -1
                    : b.startsWith("model\t") ? 1 : a.compareTo(b)).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
