package org.scjava.cli;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A kernelspec "scjava" for this build in a folder of its own, visible to Jupyter only through the environment it
 * returns ({@code JUPYTER_PATH} first, so it wins over an installed one), for headless runs that must not install
 * anything for the user. It names the build's startup archive: a JVM that finds it missing or stale writes a fresh
 * one when the kernel exits, so there is no self-test run here (that is {@code install-kernel}'s job).
 */
final class PrivateKernelspec {

    private PrivateKernelspec() {
    }

    /** Writes {@code jupyterDir/kernels/scjava} and returns the environment that makes Jupyter find it. */
    static Map<String, String> install(Path jupyterDir) throws IOException, URISyntaxException {
        Path target = InstallKernelCommand.runtimeDir();
        Path home = InstallKernelCommand.home(target);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> extra = new ArrayList<>(StartupArchive.forBuild(target).runFlags());
        KernelSpec.write(jupyterDir.resolve("kernels").resolve(KernelSpec.NAME),
                KernelSpec.kernelJson(java, KernelSpec.jvmFlags(home, extra), target, home));
        String inherited = System.getenv("JUPYTER_PATH");
        String path = jupyterDir.toAbsolutePath() + (inherited == null || inherited.isBlank() ? "" : File.pathSeparator + inherited);
        return Map.of("JUPYTER_PATH", path, "JUPYTER_RUNTIME_DIR", jupyterDir.resolve("runtime").toAbsolutePath().toString());
    }
}
