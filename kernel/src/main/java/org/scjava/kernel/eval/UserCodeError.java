package org.scjava.kernel.eval;

import java.util.List;

/**
 * User code threw. {@link #getCause()} is the user's own exception object (any {@code Throwable}, Errors included),
 * {@link #exceptionClass()} its class name as the user would write it, and {@link #traceback()} the stack trimmed to
 * the user's code, with snippet frames shown as "cell [3], line 2".
 */
public final class UserCodeError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String exceptionClass;
    private final String exceptionMessage;
    private final transient List<String> traceback;

    UserCodeError(Throwable userException, String exceptionClass, String exceptionMessage, List<String> traceback) {
        super(exceptionClass + (exceptionMessage.isEmpty() ? "" : ": " + exceptionMessage), userException);
        this.exceptionClass = exceptionClass;
        this.exceptionMessage = exceptionMessage;
        this.traceback = List.copyOf(traceback);
    }

    /** Fully qualified class name of the user's exception (snippet-defined classes by their simple name). */
    public String exceptionClass() {
        return exceptionClass;
    }

    public String exceptionMessage() {
        return exceptionMessage;
    }

    /** Lines: the exception, its frames down to the user's code, then each cause the same way. */
    public List<String> traceback() {
        return traceback;
    }
}
