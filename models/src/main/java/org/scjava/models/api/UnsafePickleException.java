package org.scjava.models.api;

/**
 * A pickle asked for a Python global outside the allowlist (e.g. {@code os.system}, {@code builtins.eval}). scjava
 * never executes pickled code: loading stops before anything is constructed from that global.
 */
public class UnsafePickleException extends CheckpointException {

    private final String global;

    public UnsafePickleException(String message, String global) {
        super(message);
        this.global = global;
    }

    /** The refused global as {@code module.name}. */
    public String global() {
        return global;
    }
}
