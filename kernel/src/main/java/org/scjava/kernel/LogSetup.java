package org.scjava.kernel;

/**
 * Points SLF4J's simple logger at stderr, read at each log call. A dependency (jhdf) ships a
 * {@code simplelogger.properties} that sends every log line to a cached {@code System.out}; for the kernel that would
 * mix logs into the protocol process's stdout and hide verb logs from the notebook, for scripts it would mix them
 * into the script's output. System properties take precedence over that file. Call before the first logger exists.
 */
public final class LogSetup {

    private LogSetup() {
    }

    public static void logToStderr() {
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
        setIfAbsent("org.slf4j.simpleLogger.cacheOutputStream", "false");
        setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
        // Maven Resolver (%maven) reports every cache check at INFO.
        setIfAbsent("org.slf4j.simpleLogger.log.org.eclipse.aether", "warn");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
