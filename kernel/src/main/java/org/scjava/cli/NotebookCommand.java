package org.scjava.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ./scjava notebook}: starts the Jupyter Notebook server (or JupyterLab) in the notebooks folder, installing
 * the scjava kernelspec first when Jupyter does not list it for this build.
 */
@Command(name = "notebook", mixinStandardHelpOptions = true,
        description = {"Start Jupyter Notebook (or JupyterLab with --lab) on the repository's notebooks/ folder, with "
                + "the scjava kernel installed (install-kernel --user runs first when needed).",
                "Further arguments go to Jupyter, e.g. ./scjava notebook -- --NotebookApp.token=secret"})
public final class NotebookCommand implements Callable<Integer> {

    @Option(names = "--lab", description = "start JupyterLab instead of the classic Notebook")
    boolean lab;

    @Option(names = "--ip", defaultValue = "127.0.0.1", description = "address to listen on (default ${DEFAULT-VALUE})")
    String ip;

    @Option(names = "--port", description = "port to listen on (default: Jupyter's, 8888 or the next free one)")
    Integer port;

    @Option(names = "--no-browser", description = "do not open a web browser")
    boolean noBrowser;

    @Option(names = "--dir", paramLabel = "DIR", description = "folder to open (default: notebooks/ of the repository)")
    Path dir;

    @Parameters(paramLabel = "JUPYTER_ARG", description = "extra arguments for Jupyter")
    List<String> extra = List.of();

    @Override
    public Integer call() throws Exception {
        String app = lab ? "lab" : "notebook";
        if (!Jupyter.available() || Jupyter.find("jupyter-" + app) == null) {
            System.err.println("scjava notebook: 'jupyter " + app + "' is not installed. Install it (Debian: apt-get "
                    + "install " + (lab ? "jupyterlab" : "jupyter-notebook") + "; elsewhere: pip install "
                    + (lab ? "jupyterlab" : "notebook") + ") and run this again.");
            return 2;
        }
        Path target = InstallKernelCommand.runtimeDir();
        if (!kernelInstalledFor(target)) {
            System.out.println("installing the scjava kernel for this build first ...");
            int code = new InstallKernelCommand().call();
            if (code != 0) {
                return code;
            }
        }
        Path folder = dir != null ? dir : InstallKernelCommand.home(target).resolve("notebooks");
        Files.createDirectories(folder);
        List<String> cmd = new ArrayList<>(List.of("jupyter", app, "--notebook-dir=" + folder.toAbsolutePath(), "--ip=" + ip));
        if (port != null) {
            cmd.add("--port=" + port);
        }
        if (noBrowser) {
            cmd.add("--no-browser");
        }
        if ("root".equals(System.getProperty("user.name"))) {
            // Containers and CI often run as root; Jupyter refuses that unless told.
            cmd.add("--allow-root");
        }
        cmd.addAll(extra);
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(p)));
        return p.waitFor();
    }

    /** Stops Jupyter with the launcher (SIGTERM: it shuts its kernels down), forcibly if it takes too long. */
    private static void stop(Process p) {
        p.destroy();
        try {
            if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Whether Jupyter lists a kernelspec "scjava" whose class path is this build's. */
    static boolean kernelInstalledFor(Path target) {
        try {
            JsonObject specs = JsonParser.parseString(Jupyter.run(List.of("kernelspec", "list", "--json")))
                    .getAsJsonObject().getAsJsonObject("kernelspecs");
            JsonElement ours = specs == null ? null : specs.get(KernelSpec.NAME);
            return ours != null && ours.getAsJsonObject().getAsJsonObject("spec").getAsJsonArray("argv").toString()
                    .contains(KernelSpec.classPath(target));
        } catch (Exception e) {
            return false;
        }
    }
}
