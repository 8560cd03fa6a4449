package org.scjava.kernel;

import org.scjava.kernel.eval.CellInterrupted;
import org.scjava.kernel.eval.CompileError;
import org.scjava.kernel.eval.UserCodeError;
import org.scjava.magics.MagicException;

import java.util.ArrayList;
import java.util.List;

/**
 * What Jupyter shows for a failed cell: {@code ename} (the exception's class as the user knows it, e.g.
 * {@code java.lang.IllegalArgumentException}, or {@code CompileError}, {@code Interrupted}, {@code MagicError}),
 * {@code evalue} (its message) and the traceback lines (compiler errors with the source line and a caret).
 */
record ErrorReport(String ename, String evalue, List<String> traceback) {

    private static final String RED = "\u001b[0;31m";
    private static final String RESET = "\u001b[0m";
    private static final int MAX_INTERNAL_FRAMES = 12;

    static ErrorReport of(Throwable t) {
        if (t instanceof CompileError e) {
            return compile(e);
        }
        if (t instanceof UserCodeError e) {
            List<String> lines = new ArrayList<>(e.traceback());
            lines.set(0, RED + lines.get(0) + RESET);
            return new ErrorReport(e.exceptionClass(), e.exceptionMessage(), lines);
        }
        if (t instanceof CellInterrupted e) {
            return new ErrorReport("Interrupted", e.getMessage(), List.of(RED + "Interrupted: " + e.getMessage() + RESET));
        }
        if (t instanceof MagicException e) {
            List<String> lines = new ArrayList<>();
            e.getMessage().lines().forEach(lines::add);
            lines.set(0, RED + "MagicError: " + lines.get(0) + RESET);
            return new ErrorReport("MagicError", e.getMessage(), lines);
        }
        return internal(t);
    }

    private static ErrorReport compile(CompileError e) {
        List<String> lines = new ArrayList<>();
        for (CompileError.Problem p : e.problems()) {
            lines.add(RED + "Compile error in " + p.where() + ", line " + p.line() + ", column " + p.column() + ": "
                    + p.message() + RESET);
            lines.add("    " + p.sourceLine());
            lines.add("    " + " ".repeat(Math.max(0, p.column() - 1)) + "^");
        }
        return new ErrorReport("CompileError", e.getMessage(), lines);
    }

    /** A failure outside user code (a magic's library, the kernel itself): the exception and a few frames. */
    private static ErrorReport internal(Throwable t) {
        List<String> lines = new ArrayList<>();
        String msg = t.getMessage() == null ? "" : t.getMessage();
        lines.add(RED + t.getClass().getName() + (msg.isEmpty() ? "" : ": " + msg) + RESET);
        StackTraceElement[] st = t.getStackTrace();
        for (int i = 0; i < Math.min(st.length, MAX_INTERNAL_FRAMES); i++) {
            lines.add("    at " + st[i]);
        }
        if (t.getCause() != null && t.getCause() != t) {
            lines.add("Caused by: " + t.getCause());
        }
        return new ErrorReport(t.getClass().getName(), msg, lines);
    }
}
