package org.scjava.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./scjava notebook} starts a Jupyter Notebook server that offers the scjava kernel (installing it first,
 * as the kernelspec is missing here), and stops with the launcher process.
 */
class NotebookCommandIT {

    @TempDir
    Path tmp;

    @Test
    void startsJupyterWithTheScjavaKernel() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Map<String, String> env = Map.of("JUPYTER_DATA_DIR", tmp.resolve("data").toString(),
                "JUPYTER_PATH", tmp.resolve("data").toString(), "JUPYTER_RUNTIME_DIR", tmp.resolve("runtime").toString(),
                "JUPYTER_CONFIG_DIR", tmp.resolve("config").toString());
        Process p = Launcher.start(env, tmp, "notebook", "--no-browser", "--port", Integer.toString(port),
                "--dir", tmp.resolve("nb").toString(), "--", "--NotebookApp.token=it-token");
        new Thread(() -> drain(p.getInputStream())).start();
        new Thread(() -> drain(p.getErrorStream())).start();
        try {
            String body = awaitKernelspecs(port, Duration.ofMinutes(4));
            assertThat(body).contains("\"scjava\"").contains("Java 21 (scjava)");
            assertThat(tmp.resolve("data/kernels/scjava/kernel.json")).isRegularFile();
        } finally {
            p.destroy();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (portOpen(port) && System.nanoTime() < end) {
            Thread.sleep(200);
        }
        assertThat(portOpen(port)).as("the server stopped with the launcher").isFalse();
    }

    private static String awaitKernelspecs(int port, Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/kernelspecs?token=it-token"))
                .timeout(Duration.ofSeconds(5)).build();
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            try {
                HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return r.body();
                }
            } catch (IOException notYet) {
                // the server is still starting
            }
            Thread.sleep(500);
        }
        throw new AssertionError("Jupyter did not answer on port " + port + " within " + timeout);
    }

    private static boolean portOpen(int port) {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void drain(java.io.InputStream in) {
        try (in) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException ignored) {
            // nothing to keep
        }
    }
}
