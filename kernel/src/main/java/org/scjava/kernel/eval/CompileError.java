package org.scjava.kernel.eval;

import java.util.List;

/**
 * The Java compiler rejected a snippet. Each {@link Problem} gives the place in the user's text (label, line,
 * column), the compiler's message and the offending source line.
 */
public final class CompileError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** One compiler error at a 1-based line and column of {@code where} (a cell or script). */
    public record Problem(String where, int line, int column, String message, String sourceLine) {
        @Override
        public String toString() {
            return where + ", line " + line + ", column " + column + ": " + message;
        }
    }

    private final transient List<Problem> problems;

    CompileError(List<Problem> problems) {
        super(problems.isEmpty() ? "compilation failed" : problems.get(0).toString());
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
