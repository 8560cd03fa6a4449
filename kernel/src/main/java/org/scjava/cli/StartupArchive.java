package org.scjava.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A dynamic AppCDS archive of the kernel's startup (the classes of the JVM, JShell's compiler, JJava, ZeroMQ and
 * scjava that a session loads), recorded by running {@link org.scjava.kernel.KernelSelfTest} once.
 *
 * <p>The kernel runs with {@code -XX:+AutoCreateSharedArchive}: when the jars have changed since the archive was
 * written (a rebuild), the JVM checks their size and time, starts without it and writes a fresh one at exit. Not the
 * JDK 25 AOT cache: in a test here it kept serving the classes of a rebuilt jar from the cache.
 */
final class StartupArchive {

    private static final long TRAINING_TIMEOUT_MINUTES = 5;
    private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");

    private final Path file;

    private StartupArchive(Path file) {
        this.file = file;
    }

    /** The archive for the running JDK, kept beside the build (an archive is only valid for that build). */
    static StartupArchive forBuild(Path target) {
        return new StartupArchive(target.resolve("startup").resolve("kernel-jdk" + Runtime.version().feature() + ".jsa"));
    }

    Path file() {
        return file;
    }

    /** The flags that make a JVM use the archive, or rebuild it at exit when it is missing or stale. */
    List<String> runFlags() {
        List<String> flags = new ArrayList<>(List.of("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + file));
        flags.addAll(QUIET);
        return flags;
    }

    /** Runs the self-test with the archive being recorded; returns the self-test's output. */
    String build(Path java, List<String> jvmFlags, Path target) throws IOException, InterruptedException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.addAll(jvmFlags);
        cmd.addAll(runFlags());
        cmd.add("-cp");
        cmd.add(KernelSpec.classPath(target));
        cmd.add("org.scjava.kernel.KernelSelfTest");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(TRAINING_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("the kernel self-test did not finish in " + TRAINING_TIMEOUT_MINUTES + " minutes");
        }
        String output = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException("the kernel self-test failed (exit " + p.exitValue() + "):\n" + output);
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException("the JVM wrote no startup archive to " + file + ":\n" + output);
        }
        return output;
    }
}
