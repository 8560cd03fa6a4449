package org.scjava.kernel.eval;

import jdk.jshell.EvalException;
import jdk.jshell.JShellException;
import jdk.jshell.UnresolvedReferenceException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns an exception from user code into what a notebook user should see: the exception, the frames down to the
 * user's code (JShell already drops the frames below it), snippet frames as "cell [3], line 2", long runs of library
 * frames shortened, repeated frames (deep recursion) folded, and each cause likewise.
 */
final class Traceback {

    /** JShell's wrapper classes ("REPL.$JShell$12$Foo") as they appear in class names and messages. */
    private static final Pattern WRAPPER = Pattern.compile("REPL\\.\\$JShell\\$\\d+[A-Z]?[$.]");
    private static final int LIBRARY_FRAMES_SHOWN = 6;
    private static final int MAX_CAUSES = 6;

    private final SourceMap sources;

    Traceback(SourceMap sources) {
        this.sources = sources;
    }

    /** A user-readable name for a class or a message that may mention snippet wrapper classes. */
    static String clean(String s) {
        return s == null ? "" : WRAPPER.matcher(s).replaceAll("");
    }

    /** The error for {@code translated} (JShell's view, snippet-relative stack) and {@code original} (may be null). */
    UserCodeError error(JShellException translated, Throwable original) {
        List<String> lines = new ArrayList<>();
        JShellException level = translated;
        Throwable levelOriginal = original;
        for (int depth = 0; level != null && depth < MAX_CAUSES; depth++) {
            lines.add((depth == 0 ? "" : "Caused by: ") + headline(level, levelOriginal));
            appendFrames(lines, level.getStackTrace());
            level = level.getCause() instanceof JShellException next ? next : null;
            levelOriginal = levelOriginal != null ? levelOriginal.getCause() : null;
        }
        return new UserCodeError(original, className(translated, original), message(translated, original), lines);
    }

    private static String headline(JShellException level, Throwable original) {
        String msg = message(level, original);
        return className(level, original) + (msg.isEmpty() ? "" : ": " + msg);
    }

    static String className(JShellException translated, Throwable original) {
        if (original != null) {
            return clean(original.getClass().getName());
        }
        if (translated instanceof EvalException ee) {
            return clean(ee.getExceptionClassName());
        }
        return "UnresolvedReference";
    }

    static String message(JShellException translated, Throwable original) {
        if (translated instanceof UnresolvedReferenceException ure) {
            var snippet = ure.getSnippet();
            return "'" + clean(snippet.source().strip().lines().findFirst().orElse(""))
                    + "' cannot run: it uses something not defined yet; define it in a cell and run it first";
        }
        String m = original != null ? original.getMessage() : translated.getMessage();
        return clean(m);
    }

    private void appendFrames(List<String> lines, StackTraceElement[] frames) {
        int libraryRun = 0;
        int hidden = 0;
        String previous = null;
        int repeats = 0;
        for (StackTraceElement f : frames) {
            boolean user = f.getFileName() != null && f.getFileName().startsWith("#");
            if (!user && ++libraryRun > LIBRARY_FRAMES_SHOWN) {
                hidden++;
                continue;
            }
            if (user) {
                libraryRun = 0;
            }
            String line = "    at " + (user ? userFrame(f) : clean(f.toString()));
            if (line.equals(previous) && hidden == 0) {
                repeats++;
                continue;
            }
            flushRepeats(lines, repeats);
            repeats = 0;
            hidden = flushHidden(lines, hidden);
            lines.add(line);
            previous = line;
        }
        flushRepeats(lines, repeats);
        flushHidden(lines, hidden);
    }

    private static int flushHidden(List<String> lines, int hidden) {
        if (hidden > 0) {
            lines.add("    ... " + hidden + " more library frame" + (hidden == 1 ? "" : "s"));
        }
        return 0;
    }

    private static void flushRepeats(List<String> lines, int repeats) {
        if (repeats > 0) {
            lines.add("    [previous line repeated " + repeats + " more time" + (repeats == 1 ? "" : "s") + "]");
        }
    }

    private String userFrame(StackTraceElement f) {
        String method = f.getMethodName();
        String in = method == null || method.isEmpty() ? "" : " in " + qualified(f.getClassName(), method) + "()";
        SourceMap.Origin origin = sources.get(f.getFileName().substring(1));
        if (origin == null) {
            return "snippet " + f.getFileName() + ", line " + f.getLineNumber() + in;
        }
        int line = origin.textLine(f.getLineNumber());
        return origin.label() + ", line " + line + in + "  |  " + origin.lineText(line).strip();
    }

    private static String qualified(String className, String method) {
        String c = clean(className);
        return c.isEmpty() ? method : c + "." + method;
    }
}
