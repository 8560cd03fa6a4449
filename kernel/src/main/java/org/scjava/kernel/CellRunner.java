package org.scjava.kernel;

import org.scjava.kernel.eval.CodeAssist;
import org.scjava.kernel.eval.JavaSession;
import org.scjava.magics.Magic;
import org.scjava.magics.MagicArgs;
import org.scjava.magics.MagicContext;
import org.scjava.magics.MagicRegistry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs a cell: a cell magic ({@code %%name} on the first line) gets the whole body; otherwise Java and line magics
 * ({@code %name ...} on lines of their own, between complete Java statements) run in order. A magic-only cell needs
 * no compilation. Java segments are evaluated with the other lines blanked, so errors keep the cell's line numbers.
 * Shared by the kernel and {@code ./scjava run}; also the {@link MagicContext} the magics run in.
 */
public final class CellRunner implements MagicContext {

    private final JavaSession session;
    private final MagicRegistry magics;
    private final Consumer<Object> display;
    private String label = "cell";

    public CellRunner(JavaSession session, MagicRegistry magics, Consumer<Object> display) {
        this.session = session;
        this.magics = magics;
        this.display = display;
    }

    public JavaSession session() {
        return session;
    }

    public MagicRegistry registry() {
        return magics;
    }

    /** Runs {@code cell}, labelled {@code label} in errors; returns the value of its last part. */
    public JavaSession.Result run(String cell, String label) throws Exception {
        String previous = this.label;
        this.label = label;
        try {
            return runCell(cell);
        } finally {
            this.label = previous;
        }
    }

    private JavaSession.Result runCell(String cell) throws Exception {
        String stripped = cell.stripLeading();
        if (stripped.startsWith("%%")) {
            int firstLineEnd = cell.indexOf('\n', cell.indexOf("%%"));
            String header = firstLineEnd < 0 ? stripped.substring(2) : cell.substring(cell.indexOf("%%") + 2, firstLineEnd);
            // The body keeps a leading line break so its line numbers are the cell's.
            String body = firstLineEnd < 0 ? "" : "\n".repeat(lineIndex(cell, firstLineEnd)) + cell.substring(firstLineEnd);
            return magic(header, body, true);
        }
        String[] lines = cell.split("\n", -1);
        JavaSession.Result last = JavaSession.Result.NONE;
        int javaFrom = 0;
        for (int i = 0; i < lines.length; i++) {
            String t = lines[i].strip();
            if (t.startsWith("%") && !t.startsWith("%%") && t.length() > 1 && completeSoFar(lines, javaFrom, i)) {
                last = java(lines, javaFrom, i, last);
                last = magic(t.substring(1), null, false);
                javaFrom = i + 1;
                if (last.hasValue() && !blankFrom(lines, javaFrom)) {
                    // a magic's result in the middle of a cell is shown where it ran
                    display.accept(last.value());
                    last = JavaSession.Result.NONE;
                }
            }
        }
        return java(lines, javaFrom, lines.length, last);
    }

    private static boolean blankFrom(String[] lines, int from) {
        for (int i = from; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** Whether the Java lines [from, to) end between statements, so a '%' line there is a magic, not Java. */
    private boolean completeSoFar(String[] lines, int from, int to) {
        String text = String.join("\n", Arrays.copyOfRange(lines, from, to));
        return text.isBlank() || session.assist().isComplete(text) != CodeAssist.Completeness.INCOMPLETE;
    }

    /** Evaluates lines [from, to) with every other line blank; keeps {@code previous} when they are blank. */
    private JavaSession.Result java(String[] lines, int from, int to, JavaSession.Result previous) {
        StringBuilder sb = new StringBuilder();
        boolean any = false;
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                sb.append('\n');
            }
            if (i >= from && i < to) {
                sb.append(lines[i]);
                any |= !lines[i].isBlank();
            }
        }
        return any ? session.eval(sb.toString(), label) : previous;
    }

    private JavaSession.Result magic(String header, String body, boolean cell) throws Exception {
        List<String> words = new ArrayList<>(MagicArgs.split(header));
        if (words.isEmpty()) {
            throw new org.scjava.magics.MagicException("a magic name is missing after '" + (cell ? "%%" : "%") + "'");
        }
        Magic m = magics.require(words.remove(0), cell);
        Object value = m.run(this, words, body);
        return value == null ? JavaSession.Result.NONE : new JavaSession.Result(value, true);
    }

    private static int lineIndex(String text, int offset) {
        int n = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    // ------------------------------------------------------------------ MagicContext

    @Override
    public Object eval(String code) throws Exception {
        JavaSession.Result r = runCell(code);
        return r.hasValue() ? r.value() : null;
    }

    @Override
    public List<Variable> variables() {
        return session.variables().stream().map(v -> new Variable(v.name(), v.type())).toList();
    }

    @Override
    public Optional<Object> value(String name) {
        return session.value(name);
    }

    @Override
    public boolean drop(String name) {
        return session.drop(name);
    }

    @Override
    public void addToClasspath(Path path) {
        session.addToClasspath(path);
    }

    @Override
    public void display(Object value) {
        display.accept(value);
    }

    @Override
    public List<Magic> magics() {
        return magics.all();
    }
}
