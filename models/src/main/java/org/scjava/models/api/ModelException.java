package org.scjava.models.api;

/**
 * Base of the model runtime's user-facing errors. Messages name the file, the key or field and what was expected,
 * and say what to do next.
 */
public class ModelException extends RuntimeException {

    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
