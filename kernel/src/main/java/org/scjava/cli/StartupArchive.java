package org.scjava.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A class-data archive of the kernel's startup, built by running {@link org.scjava.kernel.KernelSelfTest} once:
 * on JDK 25+ an AOT cache ({@code -XX:AOTCacheOutput}, classes loaded and linked ahead of time), before that a
 * dynamic AppCDS archive ({@code -XX:ArchiveClassesAtExit}). The kernel then starts with {@code -XX:AOTCache} /
 * {@code -XX:SharedArchiveFile}; if the jars change later the JVM ignores the stale archive and starts normally.
 */
final class StartupArchive {

    private static final long TRAINING_TIMEOUT_MINUTES = 5;

    private final Path file;
    private final boolean aot;

    private StartupArchive(Path file, boolean aot) {
        this.file = file;
        this.aot = aot;
    }

    /** The archive for the running JDK, kept beside the build (an archive is only valid for that build). */
    static StartupArchive forBuild(Path lib) {
        boolean aot = Runtime.version().feature() >= 25;
        String name = "kernel-jdk" + Runtime.version().feature() + (aot ? ".aot" : ".jsa");
        return new StartupArchive(lib.getParent().resolve("startup").resolve(name), aot);
    }

    Path file() {
        return file;
    }

    /** The flag that makes a JVM use the archive. */
    List<String> runFlags() {
        return aot ? List.of("-XX:AOTCache=" + file, "-Xlog:cds=off", "-Xlog:aot=off")
                : List.of("-XX:SharedArchiveFile=" + file, "-Xlog:cds=off");
    }

    /** Runs the self-test with the archive being recorded; returns the self-test's output. */
    String build(Path java, List<String> jvmFlags, Path lib) throws IOException, InterruptedException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.addAll(jvmFlags);
        cmd.add(aot ? "-XX:AOTCacheOutput=" + file : "-XX:ArchiveClassesAtExit=" + file);
        cmd.add("-Xlog:cds=off");
        if (aot) {
            cmd.add("-Xlog:aot=off");
        }
        cmd.add("-cp");
        cmd.add(lib.resolve("*").toString());
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
