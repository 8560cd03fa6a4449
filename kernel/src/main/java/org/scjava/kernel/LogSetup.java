package org.scjava.kernel;

import org.scjava.kernel.logging.LogLevels;
import org.scjava.kernel.logging.LogSink;

/**
 * Logging of the kernel and the command line: SLF4J goes to {@code java.util.logging} (slf4j-jdk14), whose levels
 * follow {@link org.scjava.dsl.core.Settings#verbosity()} (warnings by default, as scanpy). Until the kernel routes
 * messages into the running cell, and in {@code ./scjava run}, they are lines on the current stderr. Call first in
 * {@code main}, before a library logs.
 */
public final class LogSetup {

    private LogSetup() {
    }

    public static void logToStderr() {
        LogLevels.install(LogSink.lines(() -> System.err));
    }
}
