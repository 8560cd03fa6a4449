package org.scjava.dsl.io.hostile;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.io.AtlasFormatException;
import org.scjava.dsl.atlas.BackedAtlas;
import org.scjava.testing.Python;
import org.scjava.testing.Resources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The hostile-input contract over a generated corpus (scripts/hostile/make_corpus.py: truncations, byte flips,
 * lying shapes, decompression bombs, link cycles, deep nesting, FIFOs of a real h5ad, scanpy's 10x files and their
 * MatrixMarket export): every file either reads or fails with an {@link AtlasFormatException} naming the file, in
 * bounded time and within a 512 MiB per-element budget — never another exception, an OutOfMemoryError or a stack
 * overflow. Files that are hostile by construction (cycles, bombs, lying sizes) must fail.
 */
class HostileCorpusTest {

    @TempDir
    static Path dir;

    private static final Map<String, Map<String, Integer>> OUTCOMES = new TreeMap<>();

    @BeforeAll
    static void generate() {
        System.setProperty("scjava.io.maxElementBytes", String.valueOf(512L << 20));
        Python.run("import runpy, sys; sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')",
                Resources.repoRoot().resolve("scripts/hostile/make_corpus.py").toString(), "data",
                Resources.repoRoot().toString(), dir.toString());
    }

    @AfterAll
    static void report() throws IOException {
        System.clearProperty("scjava.io.maxElementBytes");
        StringBuilder sb = new StringBuilder();
        OUTCOMES.forEach((k, v) -> sb.append(k).append('\t').append(v).append('\n'));
        Files.writeString(Path.of("target", "hostile-corpus-data.tsv"), sb);
        System.out.print(sb);
    }

    private static List<Path> files(String category) throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve(category))) {
            return s.sorted().toList();
        }
    }

    /** Runs {@code read} on {@code f} under the contract; returns "ok" or the exception's type. */
    private static String contract(String category, Path f, ThrowingRead read) {
        String outcome = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try {
                read.run(f);
                return "ok";
            } catch (AtlasFormatException e) {
                assertThat(e.getMessage()).as("%s names the file", f).contains(f.getFileName().toString());
                return "AtlasFormatException";
            } catch (Throwable t) {
                throw new AssertionError(f.getFileName() + ": broke the contract with " + t, t);
            }
        }, () -> f + " did not finish in 60 s");
        OUTCOMES.computeIfAbsent(category, k -> new TreeMap<>()).merge(outcome, 1, Integer::sum);
        return outcome;
    }

    private interface ThrowingRead {
        void run(Path f) throws Exception;
    }

    private static boolean hostileByConstruction(Path f) {
        String n = f.getFileName().toString();
        return n.startsWith("cycle") || n.contains("bomb") || n.contains("2e3") || n.contains("2e4") || n.startsWith("fifo")
                || n.startsWith("external") || n.startsWith("deep") || n.contains("huge") || n.startsWith("chunk_4gib")
                || n.startsWith("directory") || n.contains(".cut") || n.startsWith("entries_") || n.startsWith("rows_")
                || n.startsWith("legacy_two") || n.startsWith("shape_") || n.startsWith("indices_out")
                || n.startsWith("indptr_decreasing") || n.startsWith("tenx_rows") || n.startsWith("tenx_huge") || n.startsWith("tenx_no") || n.startsWith("matrix_loop")
                || n.startsWith("index_") || n.startsWith("value_") || n.startsWith("truncated");
    }

    private static void check(String category, ThrowingRead read) throws IOException {
        check(category, read, true);
    }

    /** {@code mustRefuse}: files hostile by construction must fail (a backed open reads less, so may not). */
    private static void check(String category, ThrowingRead read, boolean mustRefuse) throws IOException {
        for (Path f : files(category)) {
            String outcome = contract(category, f, read);
            if (mustRefuse && hostileByConstruction(f)) {
                assertThat(outcome).as("%s is hostile by construction and must be refused", f.getFileName())
                        .isNotEqualTo("ok");
            }
        }
    }

    @Test
    void h5adFilesLoadOrFailCleanly() throws IOException {
        check("h5ad", Atlas::load);
        assertThat(OUTCOMES.get("h5ad").values().stream().mapToInt(Integer::intValue).sum()).isGreaterThanOrEqualTo(60);
    }

    @Test
    void h5adFilesOpenBackedOrFailCleanly() throws IOException {
        check("h5ad", f -> {
            try (BackedAtlas b = Atlas.open(f)) {
                for (var block : b.rowBlocks(256)) {
                    assertThat(block.x().nRows()).isPositive();
                }
            }
        }, false);
    }

    @Test
    void tenxHdf5FilesLoadOrFailCleanly() throws IOException {
        check("tenx_h5", Atlas::load);
        assertThat(contract("tenx_h5", dir.resolve("tenx_h5/legacy_two_genomes.h5"), Atlas::load))
                .isEqualTo("AtlasFormatException");
    }

    @Test
    void matrixMarketFilesLoadOrFailCleanly() throws IOException {
        check("mtx", Atlas::load);
        assertThat(Atlas.load(dir.resolve("mtx/duplicates_ok.mtx")).x().get(0, 0)).isEqualTo(3f);
    }
}
