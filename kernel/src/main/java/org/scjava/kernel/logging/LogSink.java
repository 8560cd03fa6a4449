package org.scjava.kernel.logging;

/** Where a front end shows log messages, by severity. */
public interface LogSink {

    /** Something the user should act on or know about (a low gene match, a fallback taken). */
    void warning(String message);

    /** Progress notes shown at verbosity info and above (a verb's result and time). */
    void info(String message);

    /** A failure outside the user's code (a background start failed, a renderer broke). */
    void error(String message);

    /** Lines on a stream (scripts): "WARNING: ...", "ERROR: ...", info as it is. */
    static LogSink lines(java.util.function.Supplier<java.io.PrintStream> out) {
        return new LogSink() {
            @Override
            public void warning(String message) {
                out.get().println("WARNING: " + message);
            }

            @Override
            public void info(String message) {
                out.get().println(message);
            }

            @Override
            public void error(String message) {
                out.get().println("ERROR: " + message);
            }
        };
    }
}
