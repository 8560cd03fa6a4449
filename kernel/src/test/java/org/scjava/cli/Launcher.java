package org.scjava.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code ./scjava} launcher of this checkout, as a user would, for the integration tests. */
final class Launcher {

    record Result(int exitCode, String stdout, String stderr) {
    }

    static final Path ROOT = Path.of(System.getProperty("scjava.repo.root", "..")).toAbsolutePath().normalize();

    private Launcher() {
    }

    /**
     * Runs {@code ./scjava args} with extra environment. The build of this Maven run is current, so the launcher's
     * "build if needed" stamp is refreshed first (else it would start a nested Maven build).
     */
    static Result run(Map<String, String> env, Path workDir, String... args) throws IOException, InterruptedException {
        Process p = start(env, workDir, args);
        Path out = Files.createTempFile("scjava-out", ".txt");
        Path err = Files.createTempFile("scjava-err", ".txt");
        try {
            p.getOutputStream().close();
            Thread o = pump(p.getInputStream(), out);
            Thread e = pump(p.getErrorStream(), err);
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("./scjava " + String.join(" ", args) + " did not finish in 10 minutes");
            }
            o.join();
            e.join();
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static Process start(Map<String, String> env, Path workDir, String... args) throws IOException {
        Path stamp = ROOT.resolve("kernel/target/lib/.scjava-built");
        if (!Files.exists(stamp)) {
            Files.createFile(stamp);
        }
        Files.setLastModifiedTime(stamp, FileTime.from(Instant.now()));
        List<String> cmd = new ArrayList<>();
        cmd.add(ROOT.resolve("scjava").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    private static Thread pump(java.io.InputStream in, Path to) {
        Thread t = new Thread(() -> {
            try (in) {
                Files.write(to, in.readAllBytes());
            } catch (IOException ignored) {
                // the test reads what arrived
            }
        });
        t.start();
        return t;
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
