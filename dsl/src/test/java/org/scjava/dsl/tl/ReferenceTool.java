package org.scjava.dsl.tl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a reference tool (Debian /usr/bin/python3 or Rscript) as a subprocess and returns its stdout. */
public final class ReferenceTool {

    private ReferenceTool() {
    }

    public static Path repoRoot() {
        return Path.of(System.getProperty("scjava.repo.root", "."));
    }

    /** A committed reference script under dsl/src/test/resources/parity/. */
    public static Path script(String name) {
        return repoRoot().resolve("dsl/src/test/resources/parity").resolve(name);
    }

    public static String run(long timeoutSeconds, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(false).start();
        byte[][] streams = new byte[2][];
        Thread err = new Thread(() -> {
            try {
                streams[1] = p.getErrorStream().readAllBytes();
            } catch (IOException e) {
                streams[1] = new byte[0];
            }
        });
        err.start();
        streams[0] = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("reference tool timed out after " + timeoutSeconds + " s: " + String.join(" ", command));
        }
        err.join();
        String out = new String(streams[0], StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new AssertionError("reference tool failed (exit " + p.exitValue() + "): " + String.join(" ", command)
                    + "\n" + new String(streams[1], StandardCharsets.UTF_8));
        }
        return out;
    }
}
