package org.scjava.dsl.core;

/** Base of scjava's user-facing errors in the DSL: the message says what was wrong and what to do next. */
public class AtlasException extends RuntimeException {

    public AtlasException(String message) {
        super(message);
    }

    public AtlasException(String message, Throwable cause) {
        super(message, cause);
    }
}
