package org.scjava.kernel.eval;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Plain-text summaries of javadoc comments, for inspect replies. */
final class Javadocs {

    private static final Pattern INLINE_TAG = Pattern.compile("\\{@(?:code|literal|link|linkplain|value)\\s+([^}]*)}");
    private static final Pattern HTML = Pattern.compile("<[^>]+>");
    private static final Pattern SENTENCE_END = Pattern.compile("\\.(\\s|$)");

    private Javadocs() {
    }

    /** The first sentence of a javadoc comment body, inline tags reduced to their text, HTML removed. */
    static String firstSentence(String javadoc) {
        String body = javadoc;
        int tags = body.indexOf("\n@");
        if (tags >= 0) {
            body = body.substring(0, tags);
        }
        body = plain(body).strip();
        int para = body.indexOf("\n\n");
        if (para >= 0) {
            body = body.substring(0, para);
        }
        Matcher m = SENTENCE_END.matcher(body);
        String sentence = m.find() ? body.substring(0, m.start() + 1) : body;
        return sentence.replaceAll("\\s+", " ").strip();
    }

    static String plain(String text) {
        Matcher m = INLINE_TAG.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String inner = m.group(1).strip();
            int space = inner.indexOf(' ');
            // {@link Type#member label} shows its label; otherwise the reference, with '#' read as '.'
            String shown = space > 0 && text.startsWith("{@link", m.start()) ? inner.substring(space + 1) : inner;
            shown = shown.startsWith("#") ? shown.substring(1) : shown.replace('#', '.');
            m.appendReplacement(sb, Matcher.quoteReplacement(shown));
        }
        m.appendTail(sb);
        return HTML.matcher(sb.toString()).replaceAll("");
    }
}
