package org.scjava.kernel.eval;

/** The running snippet was stopped by an interrupt; the session and its variables are intact. */
public final class CellInterrupted extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CellInterrupted(String where) {
        super("execution of " + where + " was interrupted; earlier variables are kept");
    }
}
