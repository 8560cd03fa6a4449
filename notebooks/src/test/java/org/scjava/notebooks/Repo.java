package org.scjava.notebooks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The checkout under test, its tutorial notebooks, and running its scripts as a user would. */
final class Repo {

    /** The repository root (Maven passes it as scjava.repo.root; else the parent of this module). */
    static final Path ROOT = Path.of(System.getProperty("scjava.repo.root", "..")).toAbsolutePath().normalize();
    static final Path NOTEBOOKS = ROOT.resolve("notebooks");
    /** Build outputs of this module: executed notebooks, screenshots, the browser test's node_modules. */
    static final Path TARGET = NOTEBOOKS.resolve("target");

    record Result(int exitCode, String output) {
    }

    private Repo() {
    }

    /** The tutorials: notebooks/NN-*.ipynb in order. */
    static List<Path> tutorials() throws IOException {
        try (var files = Files.list(NOTEBOOKS)) {
            return files.filter(p -> p.getFileName().toString().matches("\\d\\d-.+\\.ipynb")).sorted().toList();
        }
    }

    /**
     * This Maven run has just built the kernel, so the launcher's "build if needed" check is told so (else
     * {@code ./scjava} would start a nested Maven build).
     */
    static void markBuildCurrent() throws IOException {
        Path stamp = ROOT.resolve("kernel/target/lib/.scjava-built");
        if (!Files.exists(stamp)) {
            Files.createFile(stamp);
        }
        Files.setLastModifiedTime(stamp, FileTime.from(Instant.now()));
    }

    /** Runs {@code command} in {@code dir} with {@code env} added, stdout and stderr together; fails after the timeout. */
    static Result run(Map<String, String> env, Path dir, List<String> command, long timeoutMinutes)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        StringBuilder out = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (InputStream in = p.getInputStream()) {
                out.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // the process was killed; what arrived is reported
            }
        });
        reader.start();
        if (!p.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            reader.join(10_000);
            throw new IOException(String.join(" ", command) + " did not finish in " + timeoutMinutes + " minutes:\n" + out);
        }
        reader.join();
        return new Result(p.exitValue(), out.toString());
    }

    /**
     * {@code ./scjava install-kernel --prefix tmp/env --no-startup-archive} (the archive is the install test's
     * business), returning the isolated Jupyter environment that sees it.
     */
    static Map<String, String> installKernel(Path tmp) throws IOException, InterruptedException {
        Path prefix = tmp.resolve("env");
        Map<String, String> jupyter = isolatedJupyter(tmp, prefix);
        markBuildCurrent();
        Result r = run(jupyter, ROOT, List.of(ROOT.resolve("scjava").toString(), "install-kernel", "--prefix",
                prefix.toString(), "--no-startup-archive"), 5);
        if (r.exitCode() != 0) {
            throw new IOException("./scjava install-kernel failed:\n" + r.output());
        }
        return jupyter;
    }

    /** Jupyter's folders under {@code tmp}, so neither the user's kernels nor their settings take part. */
    static Map<String, String> isolatedJupyter(Path tmp, Path prefix) {
        return Map.of("JUPYTER_PATH", prefix.resolve("share/jupyter").toString(),
                "JUPYTER_DATA_DIR", tmp.resolve("jupyter-data").toString(),
                "JUPYTER_CONFIG_DIR", tmp.resolve("jupyter-config").toString(),
                "JUPYTER_RUNTIME_DIR", tmp.resolve("jupyter-runtime").toString());
    }
}
