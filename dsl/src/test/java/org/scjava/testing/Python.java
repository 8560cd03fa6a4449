package org.scjava.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's Python ({@code /usr/bin/python3}, which has anndata, h5py, numpy) as the reference tool in tests.
 * A missing interpreter or module fails the test with the package to install — never a silent skip.
 */
public final class Python {

    public static final String PYTHON = "/usr/bin/python3";

    private Python() {
    }

    /** Runs {@code script} with {@code args}; returns stdout, failing with stderr on a non-zero exit. */
    public static String run(String script, String... args) {
        try {
            Path file = Files.createTempFile("scjava-test", ".py");
            Files.writeString(file, script);
            List<String> cmd = new ArrayList<>(List.of(PYTHON, file.toString()));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("python timed out");
            }
            Files.deleteIfExists(file);
            if (p.exitValue() != 0) {
                throw new AssertionError("python failed (exit " + p.exitValue() + "). Is the Debian package installed "
                        + "(see scripts/apt/*.txt, ./scjava test installs them)?\n" + new String(err, StandardCharsets.UTF_8)
                        + "\nstdout:\n" + new String(out, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + PYTHON + ": " + e.getMessage()
                    + " — install Debian's python3 with python3-anndata (./scjava test does)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
