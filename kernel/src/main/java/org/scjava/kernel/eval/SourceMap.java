package org.scjava.kernel.eval;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where each evaluated snippet came from (which cell or script, at which offset), so compiler positions and stack
 * frames ({@code #12:3} in JShell's terms) read as "cell [3], line 2".
 */
final class SourceMap {

    /**
     * A piece of user text: a label ("cell [3]", "analysis.jsh"), the whole text, the snippet's offset in it
     * (compiler positions count from there) and the offset of its first non-blank character (JShell counts stack
     * lines from there, as it strips leading blank lines).
     */
    record Origin(String label, String text, int offset, int codeOffset) {

        /** The 1-based line in the whole text of 1-based line {@code snippetLine} of the snippet. */
        int textLine(int snippetLine) {
            return lineOfOffset(text, codeOffset) + snippetLine - 1;
        }

        /** The 1-based line and column in the whole text of a 0-based position in the snippet. */
        int[] lineColumn(long snippetPosition) {
            int pos = (int) Math.min(text.length(), offset + Math.max(0, snippetPosition));
            int line = lineOfOffset(text, pos);
            int lineStart = text.lastIndexOf('\n', pos - 1) + 1;
            return new int[] {line, pos - lineStart + 1};
        }

        /** Text of 1-based line {@code line}, without its line break. */
        String lineText(int line) {
            String[] lines = text.split("\n", -1);
            return line >= 1 && line <= lines.length ? lines[line - 1] : "";
        }

        private static int lineOfOffset(String text, int offset) {
            int line = 1;
            for (int i = 0; i < offset && i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                }
            }
            return line;
        }
    }

    private final Map<String, Origin> bySnippetId = new ConcurrentHashMap<>();

    void put(String snippetId, Origin origin) {
        bySnippetId.put(snippetId, origin);
    }

    /** The origin of snippet {@code id}, or null (startup imports, warm-up). */
    Origin get(String snippetId) {
        return bySnippetId.get(snippetId);
    }
}
