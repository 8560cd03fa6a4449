package org.scjava.kernel.eval;

import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;

import java.util.ArrayList;
import java.util.List;

/**
 * Breaks Java source (a cell, a script) into the single snippets JShell evaluates one at a time, remembering where
 * each starts so compiler positions and stack lines map back to the cell.
 */
final class SnippetSplitter {

    /**
     * One snippet: {@code source} as JShell wants it (it may end with a semicolon JShell added), its offset in the
     * text, and whether it is complete (an incomplete last piece is still evaluated, to get the compiler's error).
     */
    record Piece(String source, int start, int end, Completeness completeness) {
        boolean isComplete() {
            return completeness.isComplete();
        }

        /** The snippet text as written (without a semicolon JShell may have appended). */
        String written(String text) {
            return text.substring(start, end);
        }
    }

    private final SourceCodeAnalysis analysis;

    SnippetSplitter(SourceCodeAnalysis analysis) {
        this.analysis = analysis;
    }

    List<Piece> split(String text) {
        List<Piece> pieces = new ArrayList<>();
        int consumed = 0;
        String rest = text;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            Completeness c = info.completeness();
            if (c == Completeness.EMPTY) {
                break;
            }
            if (!c.isComplete()) {
                pieces.add(new Piece(rest, consumed, text.length(), c));
                break;
            }
            int used = rest.length() - info.remaining().length();
            pieces.add(new Piece(info.source(), consumed, consumed + used, c));
            consumed += used;
            rest = info.remaining();
        }
        return pieces;
    }

    /** The piece that holds {@code cursor} (or the last one), or null for blank text. */
    Piece pieceAt(String text, int cursor) {
        Piece last = null;
        for (Piece p : split(text)) {
            last = p;
            if (cursor <= p.end()) {
                return p;
            }
        }
        return last;
    }
}
