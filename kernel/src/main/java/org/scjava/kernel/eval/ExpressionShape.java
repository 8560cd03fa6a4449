package org.scjava.kernel.eval;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * A cheap guess whether a snippet is an expression (so its value can be taken by a statement, see
 * {@link SnippetValue}). A wrong "yes" only costs a rejected compilation before the normal path; a wrong "no" only
 * means the normal path. Declarations and statements start with a keyword or with "Type name".
 */
final class ExpressionShape {

    private static final Set<String> NOT_EXPRESSION_START = Set.of("class", "interface", "enum", "record", "import",
            "if", "for", "while", "do", "try", "switch", "synchronized", "return", "throw", "break", "continue", "var",
            "final", "public", "private", "protected", "static", "abstract", "sealed", "non-sealed", "default", "void",
            "assert", "yield", "boolean", "byte", "char", "short", "int", "long", "float", "double", "strictfp");
    /** "Type name", "Type<A, B> name", "Type[] name" followed by '=', ';', '(' or the end: a declaration. */
    private static final Pattern DECLARATION = Pattern.compile(
            "^[\\p{javaJavaIdentifierStart}][\\w$.]*(\\s*<[^=;()]*>)?(\\s*\\[\\s*])*\\s+[\\p{javaJavaIdentifierStart}][\\w$]*\\s*([=;(]|$)",
            Pattern.DOTALL);

    private ExpressionShape() {
    }

    static boolean looksLikeExpression(String written) {
        String s = stripLeadingComments(written).strip();
        if (s.isEmpty() || s.startsWith("@") || s.startsWith("{")) {
            return false;
        }
        int end = 0;
        while (end < s.length() && Character.isJavaIdentifierPart(s.charAt(end))) {
            end++;
        }
        String first = s.substring(0, end);
        if (first.equals("new") || first.equals("this") || first.equals("super")) {
            return true;
        }
        if (NOT_EXPRESSION_START.contains(first)) {
            return false;
        }
        return !DECLARATION.matcher(s).find();
    }

    private static String stripLeadingComments(String s) {
        String t = s.stripLeading();
        while (true) {
            if (t.startsWith("//")) {
                int nl = t.indexOf('\n');
                t = nl < 0 ? "" : t.substring(nl + 1).stripLeading();
            } else if (t.startsWith("/*")) {
                int close = t.indexOf("*/");
                t = close < 0 ? "" : t.substring(close + 2).stripLeading();
            } else {
                return t;
            }
        }
    }
}
