package org.scjava.kernel.eval;

import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Completion, documentation and completeness checks over the session's definitions, through JShell's
 * {@link SourceCodeAnalysis}. Works on the snippet under the cursor, so multi-statement cells complete correctly.
 */
public final class CodeAssist {

    private final SourceCodeAnalysis analysis;
    private final SnippetSplitter splitter;
    private final SourceDocs sourceDocs = new SourceDocs();

    CodeAssist(JShell shell, SnippetSplitter splitter) {
        this.analysis = shell.sourceCodeAnalysis();
        this.splitter = splitter;
    }

    /** Completions for the text in {@code [start, end)} of the cell. */
    public record Completion(List<String> matches, int start, int end) {
    }

    /** One documented element: its signature and the first sentence of its javadoc ("" when none is found). */
    public record Doc(String signature, String summary) {
    }

    /** Whether a cell can run as is: complete, needs more lines, or cannot be parsed. */
    public enum Completeness { COMPLETE, INCOMPLETE, INVALID }

    public Completion complete(String code, int cursor) {
        SnippetSplitter.Piece p = splitter.pieceAt(code, cursor);
        if (p == null || cursor < p.start()) {
            return new Completion(List.of(), cursor, cursor);
        }
        String input = code.substring(p.start(), cursor);
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions = analysis.completionSuggestions(input, input.length(), anchor);
        Set<String> typed = new LinkedHashSet<>();
        Set<String> other = new LinkedHashSet<>();
        for (SourceCodeAnalysis.Suggestion s : suggestions) {
            (s.matchesType() ? typed : other).add(s.continuation());
        }
        typed.addAll(other);
        return new Completion(new ArrayList<>(typed), p.start() + anchor[0], cursor);
    }

    /** Signatures and javadoc summaries of what is under the cursor (a method, a class, a variable). */
    public List<Doc> inspect(String code, int cursor) {
        SnippetSplitter.Piece p = splitter.pieceAt(code, cursor);
        if (p == null) {
            return List.of();
        }
        String input = code.substring(p.start(), Math.max(p.end(), Math.min(cursor, code.length())));
        int rel = Math.max(0, Math.min(cursor - p.start(), input.length()));
        int identEnd = rel;
        while (identEnd < input.length() && Character.isJavaIdentifierPart(input.charAt(identEnd))) {
            identEnd++;
        }
        List<SourceCodeAnalysis.Documentation> docs = analysis.documentation(input, rel, true);
        if (docs.isEmpty() && identEnd != rel) {
            docs = analysis.documentation(input, identEnd, true);
        }
        if (docs.isEmpty()) {
            // A method name without its parenthesis: ask as if the call were being written.
            String call = input.substring(0, identEnd) + "(" + input.substring(identEnd);
            docs = analysis.documentation(call, identEnd + 1, true);
        }
        List<Doc> out = new ArrayList<>();
        for (SourceCodeAnalysis.Documentation d : docs) {
            String signature = Traceback.clean(d.signature());
            String summary = d.javadoc() != null ? Javadocs.firstSentence(d.javadoc()) : sourceDocs.summary(signature);
            out.add(new Doc(signature, summary));
        }
        return out;
    }

    public Completeness isComplete(String code) {
        if (code.isBlank()) {
            return Completeness.COMPLETE;
        }
        List<SnippetSplitter.Piece> pieces = splitter.split(code);
        if (pieces.isEmpty()) {
            return Completeness.COMPLETE;
        }
        SourceCodeAnalysis.Completeness last = pieces.get(pieces.size() - 1).completeness();
        return switch (last) {
            case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> Completeness.INCOMPLETE;
            case UNKNOWN -> Completeness.INVALID;
            default -> Completeness.COMPLETE;
        };
    }
}
