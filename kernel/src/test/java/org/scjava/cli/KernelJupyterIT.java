package org.scjava.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kernel as Jupyter runs it: installed with {@code ./scjava install-kernel --prefix}, listed by
 * {@code jupyter kernelspec list}, then driven by Jupyter's own Python client (nbclient executing a notebook, and
 * jupyter_client for completion, inspection, interrupt and a forged message); see src/test/python/kernel_it.py.
 */
class KernelJupyterIT {

    @TempDir
    static Path tmp;

    static Map<String, String> jupyterEnv;

    @BeforeAll
    static void installKernel() throws Exception {
        Path prefix = tmp.resolve("prefix");
        jupyterEnv = Map.of("JUPYTER_PATH", prefix.resolve("share/jupyter").toString(),
                "JUPYTER_DATA_DIR", tmp.resolve("data").toString(), "JUPYTER_RUNTIME_DIR", tmp.resolve("runtime").toString(),
                "JUPYTER_CONFIG_DIR", tmp.resolve("config").toString());
        Launcher.Result r = Launcher.run(jupyterEnv, tmp, "install-kernel", "--prefix", prefix.toString());
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
        Path spec = prefix.resolve("share/jupyter/kernels/scjava/kernel.json");
        String json = Files.readString(spec);
        assertThat(json).contains("\"interrupt_mode\": \"message\"", "\"display_name\": \"Java 21 (scjava)\"",
                "org.scjava.kernel.KernelMain", "-XX:SharedArchiveFile=", "--enable-native-access=ALL-UNNAMED");
        assertThat(json).containsPattern("\"/[^\"]+/bin/java\"");
        assertThat(prefix.resolve("share/jupyter/kernels/scjava/logo-64x64.png")).isRegularFile();
    }

    @Test
    void jupyterListsTheKernelspec() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("jupyter", "kernelspec", "list").redirectErrorStream(true);
        pb.environment().putAll(jupyterEnv);
        Process p = pb.start();
        String out = Launcher.text(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).containsPattern("scjava\\s+" + tmp.resolve("prefix/share/jupyter/kernels/scjava"));
    }

    @Test
    void jupyterClientsDriveTheKernel() throws Exception {
        Path out = Path.of("target", "kernel-it").toAbsolutePath();
        Path script = Launcher.ROOT.resolve("kernel/src/test/python/kernel_it.py");
        Path resources = Launcher.ROOT.resolve("kernel/src/test/resources");
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", script.toString(), out.toString(), resources.toString())
                .redirectErrorStream(true);
        pb.environment().putAll(jupyterEnv);
        Process p = pb.start();
        String log = Launcher.text(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        System.out.println(log);
        List<String> required = List.of(
                "stdout is streamed", "Tablesaw table renders as HTML", "variable from cell 1 used in cell 3",
                "XChart chart renders as a PNG of the chart's size",
                "Atlas.load in the first cell; Atlas renders as an HTML summary",
                "compile error names cell line and column", "cell after a compile error works",
                "runtime error keeps the exception class, trace trimmed to the cell", "cell after a runtime error works",
                "%who magic lists variables", "%%time magic runs the cell and reports the time",
                "display() shows several outputs in one cell", "progress bar is drawn and updated in place",
                "%model load keeps a model handle and shows its card",
                "a model handle from an earlier cell embeds the Atlas, at most one progress bar",
                "%verbosity info shows a verb's line on stdout, warning hides it again",
                "no cell prints to stderr (logs are not errors)",
                "%provenance lists versions and the model checksum",
                "nbconvert exports the executed notebook to HTML",
                "kernel binds only the connection file's address and ports", "heartbeat answers",
                "completion of a variable from an earlier cell", "completion of a method in the second statement of a cell",
                "completion of magic names", "inspect shows signature and javadoc summary (JDK)",
                "inspect shows signature and javadoc summary (scjava DSL)", "is_complete: an open block is incomplete",
                "is_complete: a statement is complete", "interrupt stops a running cell",
                "kernel and earlier variables survive an interrupt", "earlier variable has its value after the interrupt",
                "message with a wrong signature gets no reply",
                "message with a wrong signature is not executed, the kernel still answers", "rejected message is logged",
                "kernel exits on shutdown_request", "kernel ends when the Jupyter process that started it dies");
        for (String check : required) {
            assertThat(log).as("check '%s'", check).contains("PASS " + check + "\n");
        }
        assertThat(log).doesNotContain("FAIL ");
        assertThat(p.exitValue()).isZero();
    }
}
