package org.scjava.cli;

import com.google.gson.Gson;
import com.google.gson.JsonSyntaxException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Executes notebooks headless with a Jupyter kernel, the way CI and {@code ./scjava quickstart} do: Jupyter's own
 * client (nbclient) runs every cell, stops at the first cell that raises, and nbconvert exports the executed copy to
 * HTML. The Python side is {@code execute_notebook.py} beside this class, run by Debian's {@code /usr/bin/python3}
 * (the {@code python3} on the PATH may be another installation without Jupyter), else by a {@code python3} on the
 * PATH that has nbclient (e.g. on mybinder).
 *
 * <p>Which kernel runs the cells is up to the caller: a kernelspec name plus the Jupyter environment variables that
 * make it visible (e.g. {@code JUPYTER_PATH} of a private prefix), so nothing is installed for the user.
 */
public final class NotebookExecution {

    /** Debian packages that provide what this class runs. */
    public static final String DEBIAN_PACKAGES = "jupyter-client python3-nbclient python3-nbconvert jupyter-nbconvert";

    /** Time of one executed cell; {@code source} is its first non-blank line. */
    public record CellTime(int index, Double seconds, String source) {
    }

    /** The failing cell (1-based among code cells; null when the kernel died or timed out). */
    public record CellError(Integer cell, String ename, String evalue, String traceback, String source) {
    }

    /** One executed notebook: where its executed copy and HTML are, cell times, the first error and summary texts. */
    public record Result(Path notebook, boolean ok, Path ipynb, Path html, List<CellTime> cells, CellError error,
                         List<String> summary) {

        /** A readable account of the failure: notebook, cell, exception, the cell's source and the trace. */
        public String failure() {
            if (ok) {
                return notebook.getFileName() + ": ok";
            }
            StringBuilder sb = new StringBuilder();
            sb.append(notebook.getFileName()).append(": ");
            if (error.cell() != null) {
                sb.append("code cell ").append(error.cell()).append(" failed with ");
            }
            sb.append(error.ename()).append(": ").append(error.evalue());
            if (error.source() != null && !error.source().isBlank()) {
                sb.append("\n--- cell source ---\n").append(error.source());
            }
            if (error.traceback() != null && !error.traceback().isBlank()) {
                sb.append("\n--- traceback ---\n").append(error.traceback());
            }
            return sb.append("\n(executed copy: ").append(html).append(')').toString();
        }

        /** Sum of the cells' wall times (kernel start not included). */
        public double totalSeconds() {
            return cells.stream().filter(c -> c.seconds() != null).mapToDouble(CellTime::seconds).sum();
        }

        /** Per-cell wall times as aligned lines ("  [ 3]   1.20 s  atlas.pca(50);"). */
        public String timings() {
            StringBuilder sb = new StringBuilder();
            for (CellTime c : cells) {
                if (c.seconds() == null) {
                    continue;
                }
                String src = c.source().length() > 72 ? c.source().substring(0, 71) + "…" : c.source();
                sb.append(String.format(Locale.ROOT, "  [%2d] %7.2f s  %s%n", c.index(), c.seconds(), src));
            }
            return sb.append(String.format(Locale.ROOT, "       %7.2f s  total (cells)%n", totalSeconds())).toString();
        }
    }

    private final String kernelName;
    private final Map<String, String> environment;
    private int cellTimeoutSeconds = 600;

    private NotebookExecution(String kernelName, Map<String, String> environment) {
        this.kernelName = kernelName;
        this.environment = new LinkedHashMap<>(environment);
    }

    /** Runs cells with the kernelspec {@code kernelName}, found by Jupyter with {@code environment} added. */
    public static NotebookExecution withKernel(String kernelName, Map<String, String> environment) {
        return new NotebookExecution(kernelName, environment);
    }

    /** Seconds one cell may take before the run fails (default 600). */
    public NotebookExecution cellTimeout(int seconds) {
        this.cellTimeoutSeconds = seconds;
        return this;
    }

    /**
     * Executes {@code notebooks} one after the other, each in a fresh kernel whose working directory is {@code cwd}
     * (relative paths in cells resolve there), writing {@code <name>.ipynb} and {@code <name>.html} into {@code out}.
     * One line per executed cell goes to {@code progress} while it runs.
     *
     * @throws IOException when no Python with nbclient is found or the runner itself fails (not for failing cells:
     *                     those are in the results)
     */
    public List<Result> run(Path cwd, Path out, List<Path> notebooks, Consumer<String> progress)
            throws IOException, InterruptedException {
        Files.createDirectories(out);
        Path script = Files.createTempFile("scjava-execute-notebook", ".py");
        try (InputStream in = NotebookExecution.class.getResourceAsStream("execute_notebook.py")) {
            if (in == null) {
                throw new IOException("execute_notebook.py is missing from the scjava kernel jar; rebuild (./scjava build)");
            }
            Files.write(script, in.readAllBytes());
            String python = python();
            List<String> cmd = new ArrayList<>(List.of(python, script.toString(), "--kernel", kernelName,
                    "--cwd", cwd.toAbsolutePath().toString(), "--out", out.toAbsolutePath().toString(),
                    "--timeout", Integer.toString(cellTimeoutSeconds)));
            notebooks.forEach(n -> cmd.add(n.toAbsolutePath().toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().putAll(environment);
            Process p = pb.start();
            p.getOutputStream().close();
            Thread lines = pump(p.getErrorStream(), progress);
            List<Result> results = new ArrayList<>();
            StringBuilder other = new StringBuilder();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    Result parsed = parse(line);
                    if (parsed != null) {
                        results.add(parsed);
                    } else {
                        other.append(line).append('\n');
                    }
                }
            }
            p.waitFor(1, TimeUnit.MINUTES);
            lines.join();
            if (results.size() != notebooks.size()) {
                throw new IOException("the notebook runner (" + python + " execute_notebook.py) stopped after "
                        + results.size() + " of " + notebooks.size() + " notebooks, exit code "
                        + (p.isAlive() ? "none (still running)" : p.exitValue()) + (other.isEmpty() ? "" : ":\n" + other));
            }
            return results;
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static Result parse(String line) {
        if (!line.startsWith("{")) {
            return null;
        }
        try {
            Raw raw = new Gson().fromJson(line, Raw.class);
            return new Result(Path.of(raw.notebook), raw.ok, Path.of(raw.ipynb), Path.of(raw.html),
                    raw.cells == null ? List.of() : raw.cells, raw.error, raw.summary == null ? List.of() : raw.summary);
        } catch (JsonSyntaxException e) {
            return null;
        }
    }

    /** The runner's JSON line, as Gson fills it. */
    @SuppressWarnings("unused")
    private static final class Raw {
        String notebook;
        boolean ok;
        String ipynb;
        String html;
        List<CellTime> cells;
        CellError error;
        List<String> summary;
    }

    private static Thread pump(InputStream in, Consumer<String> sink) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    sink.accept(line);
                }
            } catch (IOException ignored) {
                // the process ended; what arrived was passed on
            }
        }, "notebook-runner-output");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Debian's python3 when it has nbclient and nbconvert, else a python3 on the PATH that has them. */
    static String python() throws IOException {
        List<String> candidates = new ArrayList<>(List.of("/usr/bin/python3"));
        Path onPath = Jupyter.find("python3");
        if (onPath != null) {
            candidates.add(onPath.toString());
        }
        for (String c : candidates) {
            if (Files.isExecutable(Path.of(c)) && hasJupyterClients(c)) {
                return c;
            }
        }
        throw new IOException("Jupyter's notebook client is not installed: no python3 among " + candidates
                + " can import nbclient and nbconvert. Install the Debian packages " + DEBIAN_PACKAGES
                + " (./scjava quickstart does this when run as root or with sudo), or elsewhere 'python3 -m pip install nbclient"
                + " nbconvert' or 'conda install -c conda-forge nbclient nbconvert'.");
    }

    private static boolean hasJupyterClients(String python) {
        try {
            Process p = new ProcessBuilder(python, "-c", "import nbclient, nbconvert").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
