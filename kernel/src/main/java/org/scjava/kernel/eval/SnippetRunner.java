package org.scjava.kernel.eval;

import jdk.jshell.Diag;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.VarSnippet;

import javax.lang.model.SourceVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Evaluates text snippet by snippet and turns JShell's outcome into a value or one of the session's exceptions:
 * {@link CompileError} with cell line/column, {@link UserCodeError} carrying the user's own exception, or
 * {@link CellInterrupted}. The value of a final expression is returned for display unless it ends with a semicolon.
 */
final class SnippetRunner {

    private final JShell shell;
    private final CapturingExecutionControl control;
    /** How many values of earlier expressions stay addressable as {@code $1, $2, ...}. */
    static final int KEPT_TEMP_VALUES = 10;

    private final SnippetSplitter splitter;
    private final SourceMap sources = new SourceMap();
    private final Traceback traceback = new Traceback(sources);
    private volatile boolean stopRequested;

    SnippetRunner(JShell shell, CapturingExecutionControl control, SnippetSplitter splitter) {
        this.shell = shell;
        this.control = control;
        this.splitter = splitter;
    }

    void requestStop() {
        stopRequested = true;
    }

    JavaSession.Result run(String text, String label) {
        stopRequested = false;
        Optional<VarSnippet> bare = bareVariable(text);
        if (bare.isPresent()) {
            // Fast path: showing a variable needs no compilation, just its current value.
            return new JavaSession.Result(liveValue(bare.get()), true);
        }
        List<SnippetSplitter.Piece> pieces = splitter.split(text);
        JavaSession.Result last = JavaSession.Result.NONE;
        try {
            for (int i = 0; i < pieces.size(); i++) {
                if (stopRequested) {
                    throw new CellInterrupted(label);
                }
                last = runPiece(pieces.get(i), text, label, i == pieces.size() - 1);
            }
        } finally {
            forgetOldTempValues();
        }
        return last;
    }

    /**
     * Drops the {@code $n} variables JShell makes for expression values, except the latest few: every snippet is
     * compiled with an import of each live variable, so hundreds of old values would slow every cell down.
     */
    private void forgetOldTempValues() {
        List<VarSnippet> temps = shell.variables()
                .filter(v -> v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND && shell.status(v).isActive())
                .toList();
        for (int i = 0; i < temps.size() - KEPT_TEMP_VALUES; i++) {
            shell.drop(temps.get(i));
        }
    }

    private JavaSession.Result runPiece(SnippetSplitter.Piece piece, String text, String label, boolean lastPiece) {
        control.reset();
        List<SnippetEvent> events = shell.eval(piece.source());
        SnippetEvent main = events.stream().filter(e -> e.causeSnippet() == null).findFirst().orElse(null);
        if (main == null) {
            return JavaSession.Result.NONE;
        }
        Snippet snippet = main.snippet();
        int blank = 0;
        while (blank < piece.source().length() && Character.isWhitespace(piece.source().charAt(blank))) {
            blank++;
        }
        SourceMap.Origin origin = new SourceMap.Origin(label, text, piece.start(), piece.start() + blank);
        sources.put(snippet.id(), origin);
        Snippet.Status status = main.status();
        if (status == Snippet.Status.REJECTED
                || (status == Snippet.Status.RECOVERABLE_NOT_DEFINED && snippet instanceof VarSnippet)) {
            throw compileError(snippet, origin);
        }
        if (control.wasStopped()) {
            throw new CellInterrupted(label);
        }
        if (main.exception() != null) {
            throw traceback.error(main.exception(), control.lastThrowable());
        }
        if (status == Snippet.Status.RECOVERABLE_DEFINED || status == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
            System.err.println("note: " + describe(snippet) + " is defined but cannot be used until "
                    + String.join(", ", shell.unresolvedDependencies((jdk.jshell.DeclarationSnippet) snippet).toList())
                    + " is defined");
        }
        if (lastPiece && hasValue(snippet) && !endsWithSemicolon(piece.written(text))) {
            return new JavaSession.Result(control.lastValue(), true);
        }
        return JavaSession.Result.NONE;
    }

    private CompileError compileError(Snippet snippet, SourceMap.Origin origin) {
        List<CompileError.Problem> problems = new ArrayList<>();
        for (Diag d : shell.diagnostics(snippet).filter(Diag::isError).toList()) {
            int[] lc = origin.lineColumn(d.getPosition());
            problems.add(new CompileError.Problem(origin.label(), lc[0], lc[1], message(d), origin.lineText(lc[0])));
        }
        if (problems.isEmpty()) {
            int[] lc = origin.lineColumn(0);
            List<String> missing = snippet instanceof jdk.jshell.DeclarationSnippet ds
                    ? shell.unresolvedDependencies(ds).toList() : List.of();
            String msg = missing.isEmpty() ? "snippet rejected by the compiler"
                    : "cannot find symbol: " + String.join(", ", missing);
            problems.add(new CompileError.Problem(origin.label(), lc[0], lc[1], msg, origin.lineText(lc[0])));
        }
        return new CompileError(problems);
    }

    /** javac's multi-line message on one line, without the location inside JShell's wrapper class. */
    private static String message(Diag d) {
        StringBuilder sb = new StringBuilder();
        for (String line : d.getMessage(null).split("\n")) {
            String t = line.strip();
            if (t.isEmpty() || t.equals("location: class") || t.startsWith("location: class REPL.")) {
                continue;
            }
            if (t.startsWith("symbol:")) {
                sb.append(": ").append(t.substring("symbol:".length()).strip());
            } else {
                sb.append(sb.length() == 0 ? "" : "; ").append(t);
            }
        }
        return Traceback.clean(sb.toString());
    }

    private static String describe(Snippet s) {
        return s instanceof jdk.jshell.DeclarationSnippet ds ? ds.name() : s.source().strip();
    }

    private static boolean hasValue(Snippet s) {
        return s.kind() == Snippet.Kind.EXPRESSION
                || (s.kind() == Snippet.Kind.VAR && s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND);
    }

    /** Whether the written snippet ends with ';' (ignoring trailing blanks and a trailing line comment). */
    static boolean endsWithSemicolon(String written) {
        String[] lines = written.strip().split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            String line = lines[i];
            int comment = line.indexOf("//");
            String code = (comment >= 0 ? line.substring(0, comment) : line).strip();
            if (!code.isEmpty()) {
                return code.endsWith(";");
            }
        }
        return false;
    }

    private Optional<VarSnippet> bareVariable(String text) {
        String name = text.strip();
        if (!SourceVersion.isIdentifier(name) || SourceVersion.isKeyword(name)) {
            return Optional.empty();
        }
        return variable(name);
    }

    Optional<VarSnippet> variable(String name) {
        return shell.variables().filter(v -> v.name().equals(name) && shell.status(v).isActive()).findFirst();
    }

    Object liveValue(VarSnippet v) {
        shell.varValue(v);
        return control.lastVariableValue();
    }
}
