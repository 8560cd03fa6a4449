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
        ScjavaKernel kernel = ScjavaKernel.create();
        KernelConnection connection = new KernelConnection(props);
        kernel.becomeHandlerForConnection(connection);
        kernel.onStartup();
        connection.connect();
        connection.waitUntilClose();
        System.exit(0);
    }
}
