package org.scjava.notebooks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * 01-quickstart as a user runs it: Debian's Jupyter Notebook server on 127.0.0.1 with a token and the scjava kernel,
 * the notebook opened in Debian's headless Chromium driven by playwright-core (src/test/browser/run_quickstart.mjs),
 * all cells run through the UI (Cell → Run All); the UMAP image and a Tablesaw table must appear, no cell may fail
 * and none may show a stderr box (log lines are not errors). Screenshots of the page and of every figure go to
 * notebooks/target/browser/. The server is stopped by its PID, its kernel with it.
 *
 * <p>The server serves a copy of the notebook (the UI may autosave outputs into it), beside a link to data/.
 */
class BrowserQuickstartIT {

    static final String NOTEBOOK = "01-quickstart.ipynb";

    @TempDir
    Path tmp;

    @Test
    void quickstartRunsThroughTheNotebookUiInHeadlessChromium() throws Exception {
        Browser.requireTools("jupyter-notebook", "node", "npm", "jupyter");
        Path work = Repo.TARGET.resolve("browser");
        Browser.install(work);
        Map<String, String> jupyter = Repo.installKernel(tmp);
        Path root = serverRoot();

        int port = freePort();
        String token = UUID.randomUUID().toString().replace("-", "");
        List<String> cmd = new ArrayList<>(List.of("jupyter-notebook", "--no-browser", "--ip=127.0.0.1", "--port=" + port,
                "--port-retries=0", "--NotebookApp.token=" + token, "--notebook-dir=" + root));
        if ("root".equals(System.getProperty("user.name"))) {
            cmd.add("--allow-root"); // CI containers run as root; Jupyter refuses that unless told
        }
        Path log = work.resolve("jupyter-server.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(jupyter);
        Process server = pb.start();
        try {
            awaitServer(server, port, token, log);
            String url = "http://127.0.0.1:" + port + "/notebooks/notebooks/" + NOTEBOOK + "?token=" + token;
            Repo.Result r = Repo.run(Map.of(), work, List.of("node", "run_quickstart.mjs", url, work.toString()), 9);
            System.out.println(r.output());
            assertThat(r.output()).doesNotContain("FAIL ").contains(
                    "PASS notebook opened and the scjava kernel is idle", "PASS the notebook runs on the scjava kernel",
                    "PASS no cell shows an error", "PASS no stderr box", "PASS the UMAP image appears",
                    "PASS a Tablesaw table appears",
                    "PASS the clusters x labels table appears", "PASS screenshots saved");
            assertThat(r.output()).containsPattern("PASS all \\d+ code cells ran through the UI")
                    .containsPattern("PASS \\d+ figures shown and saved");
            assertThat(r.exitCode()).isZero();
            assertThat(work.resolve("quickstart-full.png")).isRegularFile();
        } finally {
            stop(server);
        }
    }

    /** root/notebooks/01-quickstart.ipynb (a copy) and root/data → the repository's data/, as in the repository. */
    private Path serverRoot() throws IOException {
        Path root = tmp.resolve("root");
        Files.createDirectories(root.resolve("notebooks"));
        Files.copy(Repo.NOTEBOOKS.resolve(NOTEBOOK), root.resolve("notebooks").resolve(NOTEBOOK));
        Files.createSymbolicLink(root.resolve("data"), Repo.ROOT.resolve("data"));
        return root;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void awaitServer(Process server, int port, String token, Path log) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest status = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/status?token=" + token))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                fail("jupyter-notebook exited with " + server.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                if (http.send(status, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(300);
        }
        fail("jupyter-notebook did not answer on port " + port + " within 90 s:\n" + Files.readString(log));
    }

    /** SIGTERM to the server's PID (it shuts its kernels down), then whatever of its process tree is left. */
    private static void stop(Process server) throws InterruptedException {
        List<ProcessHandle> tree = server.descendants().toList();
        server.destroy();
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
            server.destroyForcibly();
            server.waitFor(10, TimeUnit.SECONDS);
        }
        for (ProcessHandle child : tree) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
        assertThat(server.isAlive()).as("jupyter-notebook (pid " + server.pid() + ") stopped").isFalse();
    }
}
