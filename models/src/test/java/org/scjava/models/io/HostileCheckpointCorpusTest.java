package org.scjava.models.io;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scjava.models.api.ModelException;
import org.scjava.models.api.UnsafePickleException;
import org.scjava.models.geneformer.GeneformerConfig;
import org.scjava.models.scgpt.ScGptConfig;
import org.scjava.models.scgpt.ScGptVocab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * The hostile-input contract for model files over a generated corpus (scripts/hostile/make_corpus.py models:
 * malicious pickles, pickle opcodes declaring gigabytes, 200k-deep nesting, billion-laughs memo graphs, stride-0 and
 * out-of-range tensors, zip bombs, safetensors with overlapping/fractional offsets, vocabularies with duplicate or
 * non-integer ids, NaN-producing configs, truncations and byte flips of the bundled tiny checkpoints): every file
 * reads or fails with a {@link ModelException} naming the file, in bounded time — never another exception, an
 * OutOfMemoryError or a stack overflow. Malicious pickles are always refused with {@link UnsafePickleException}.
 */
class HostileCheckpointCorpusTest {

    @TempDir
    static Path dir;

    private static final Map<String, Map<String, Integer>> OUTCOMES = new TreeMap<>();

    @BeforeAll
    static void generate() throws Exception {
        Path root = Path.of(System.getProperty("scjava.repo.root", ".."));
        Process p = new ProcessBuilder("/usr/bin/python3", root.resolve("scripts/hostile/make_corpus.py").toString(),
                "models", root.toString(), dir.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("make_corpus.py models: %s", out).isZero();
    }

    @AfterAll
    static void report() throws IOException {
        StringBuilder sb = new StringBuilder();
        OUTCOMES.forEach((k, v) -> sb.append(k).append('\t').append(v).append('\n'));
        Files.writeString(Path.of("target", "hostile-corpus-models.tsv"), sb);
        System.out.print(sb);
    }

    private interface ThrowingRead {
        Object run(Path f) throws Exception;
    }

    private static String contract(String category, Path f, ThrowingRead read) {
        String outcome = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try {
                read.run(f);
                return "ok";
            } catch (ModelException e) {
                assertThat(e.getMessage()).as("%s names the file", f).contains(f.getFileName().toString());
                return e.getClass().getSimpleName();
            } catch (Throwable t) {
                throw new AssertionError(f.getFileName() + ": broke the contract with " + t, t);
            }
        }, () -> f + " did not finish in 60 s");
        OUTCOMES.computeIfAbsent(category, k -> new TreeMap<>()).merge(outcome, 1, Integer::sum);
        return outcome;
    }

    private static List<Path> files(String category, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve(category))) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    @Test
    void maliciousPicklesAreAlwaysRefused() throws IOException {
        for (Path f : files("malicious", ".pkl")) {
            assertThat(contract("malicious", f, PickledDictionaries::readStringToInt)).as(f.toString())
                    .isIn("UnsafePickleException", "CheckpointException");
        }
        for (Path f : files("malicious", ".pt")) {
            assertThat(contract("malicious", f, TorchCheckpoint::read)).as(f.toString())
                    .isIn("UnsafePickleException", "CheckpointException");
        }
        assertThat(OUTCOMES.get("malicious")).containsKey("UnsafePickleException").doesNotContainKey("ok");
    }

    @Test
    void pickleBombsFailCleanly() throws IOException {
        for (Path f : files("pickle", ".pkl")) {
            assertThat(contract("pickle", f, PickledDictionaries::readStringToInt)).as(f.toString()).isNotEqualTo("ok");
        }
        for (Path f : files("pickle", ".pt")) {
            String outcome = contract("pickle", f, TorchCheckpoint::read);
            String n = f.getFileName().toString();
            if (!n.startsWith("self_containing") && !n.startsWith("billion_laughs")) { // valid graphs, read once each
                assertThat(outcome).as(f.toString()).isNotEqualTo("ok");
            }
        }
    }

    @Test
    void torchCheckpointsLoadOrFailCleanly() throws IOException {
        for (Path f : files("torch", "")) {
            String outcome = contract("torch", f, TorchCheckpoint::read);
            String n = f.getFileName().toString();
            if (!n.startsWith("scgpt.flip") && !n.startsWith("valid")) {
                assertThat(outcome).as(n).isNotEqualTo("ok");
            }
        }
        assertThat(contract("torch", dir.resolve("torch/valid_small.pt"), TorchCheckpoint::read)).isEqualTo("ok");
    }

    @Test
    void safetensorsLoadOrFailCleanly() throws IOException {
        for (Path f : files("safetensors", ".safetensors")) {
            String outcome = contract("safetensors", f, SafeTensors::read);
            String n = f.getFileName().toString();
            if (!n.startsWith("geneformer_header.flip") && !n.startsWith("valid")) {
                assertThat(outcome).as(n).isNotEqualTo("ok");
            }
        }
    }

    @Test
    void dictionariesLoadOrFailCleanly() throws IOException {
        for (Path f : files("dictionaries", ".tokens.pkl")) {
            String outcome = contract("dictionaries", f, PickledDictionaries::readStringToInt);
            if (f.getFileName().toString().startsWith("tokens_") && !f.getFileName().toString().contains("flip")) {
                assertThat(outcome).as(f.toString()).isNotEqualTo("ok");
            }
        }
        for (Path f : files("dictionaries", ".medians.pkl")) {
            String outcome = contract("dictionaries", f, PickledDictionaries::readStringToPositive);
            if (f.getFileName().toString().startsWith("medians_") && !f.getFileName().toString().contains("flip")) {
                assertThat(outcome).as(f.toString()).isNotEqualTo("ok");
            }
        }
    }

    @Test
    void npyArraysLoadOrFailCleanly() throws IOException {
        for (Path f : files("npy", ".npy")) {
            String outcome = contract("npy", f, Npy::read);
            assertThat(outcome.equals("ok")).as(f.toString()).isEqualTo(f.getFileName().toString().equals("valid.npy"));
        }
    }

    @Test
    void vocabulariesAndConfigsLoadOrFailCleanly() throws IOException {
        for (Path f : files("json/vocab", ".json")) {
            assertThat(contract("vocab", f, p -> ScGptVocab.read(p, "<pad>"))).as(f.toString()).isNotEqualTo("ok");
        }
        for (Path f : files("json/config", ".json")) {
            String g = contract("config", f, GeneformerConfig::read);
            String s = contract("config", f, ScGptConfig::read);
            boolean valid = f.getFileName().toString().equals("valid.json");
            if (!f.getFileName().toString().startsWith("pad_value")) { // a key only scGPT reads
                assertThat(g.equals("ok")).as("Geneformer " + f).isEqualTo(valid);
            }
            if (!f.getFileName().toString().startsWith("eps_")) {
                assertThat(s.equals("ok")).as("scGPT " + f).isEqualTo(valid);
            }
        }
    }
}
