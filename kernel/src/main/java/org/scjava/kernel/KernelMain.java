package org.scjava.kernel;

import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.scjava.kernel.transport.KernelConnection;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process Jupyter starts (kernel.json: {@code java ... org.scjava.kernel.KernelMain {connection_file}}). Binds the
 * sockets the connection file names, answers until a shutdown request, then exits. Kept free of option parsing so
 * the JVM reaches the first reply quickly.
 */
public final class KernelMain {

    private KernelMain() {
    }

    public static void main(String[] args) throws Exception {
        LogSetup.logToStderr();
        if (args.length != 1) {
            System.err.println("usage: java org.scjava.kernel.KernelMain CONNECTION_FILE   (started by Jupyter via kernel.json)");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        if (!Files.isReadable(file)) {
            System.err.println("scjava kernel: cannot read the connection file " + file.toAbsolutePath());
            System.exit(2);
        }
        KernelConnectionProperties props = KernelConnectionProperties.parse(Files.readString(file));
        KernelConnection connection = ScjavaKernel.serve(props);
        watchParent(connection);
        connection.waitUntilClose();
        System.exit(0);
    }

    /**
     * Ends the kernel when the Jupyter process that started it is gone (jupyter_client passes its pid in
     * JPY_PARENT_PID), so a killed server does not leave kernels holding models in memory.
     */
    private static void watchParent(KernelConnection connection) {
        String pid = System.getenv("JPY_PARENT_PID");
        if (pid == null || !pid.matches("\\d+")) {
            return;
        }
        java.util.Optional<ProcessHandle> parent = ProcessHandle.of(Long.parseLong(pid));
        if (parent.isEmpty()) {
            return;
        }
        parent.get().onExit().thenRun(() -> {
            System.err.println("scjava kernel: the Jupyter process " + pid + " ended; shutting down");
            connection.close();
        });
    }
}
