package org.scjava.models;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the committed Python helper scripts of src/test/resources/py with Debian's {@code /usr/bin/python3} and
 * {@code python3-torch} (listed in scripts/apt/models.txt, installed by ./scjava test). Tests that need them are
 * skipped with a visible reason when that interpreter or torch is absent.
 */
public final class PythonScripts {

    public static final Path PYTHON = Path.of("/usr/bin/python3");

    private PythonScripts() {
    }

    public static void assumeTorch() {
        Assumptions.assumeTrue(Files.isExecutable(PYTHON), "needs /usr/bin/python3 (apt: python3-torch)");
        Assumptions.assumeTrue(run(List.of("-c", "import torch")).exitCode == 0,
                "needs Debian python3-torch (scripts/apt/models.txt)");
    }

    /** Runs resource script {@code py/<script>} with {@code args}; fails the test with its output on error. */
    public static String runScript(String script, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Fixtures.resource("/py/" + script).toString());
        cmd.addAll(List.of(args));
        Result r = run(cmd);
        if (r.exitCode != 0) {
            throw new AssertionError(script + " failed (" + r.exitCode + "):\n" + r.output);
        }
        return r.output;
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(PYTHON.toString());
        cmd.addAll(args);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return new Result(-1, "timeout");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, e.toString());
        }
    }
}
