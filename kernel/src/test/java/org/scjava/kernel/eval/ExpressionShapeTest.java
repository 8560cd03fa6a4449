package org.scjava.kernel.eval;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExpressionShapeTest {

    @Test
    void expressionsAreRecognised() {
        for (String e : new String[] {"1+1", "x", "atlas.pca()", "new StringBuilder(\"a\")", "a < b", "x = 5",
                "Math.max(1, 2)", "(int) 3.5", "  // note\n  x + 1", "\"text\"", "list.get(0).name()", "x instanceof String"}) {
            assertThat(ExpressionShape.looksLikeExpression(e)).as(e).isTrue();
        }
    }

    @Test
    void declarationsAndStatementsAreNot() {
        for (String s : new String[] {"int x = 1", "String s", "List<String> names = List.of()", "var a = 1",
                "Atlas run(Atlas a) { return a; }", "class A {}", "import java.util.*", "for (;;) {}", "{ x++; }",
                "if (x) y()", "return 1", "double[] v = {1}", "@Deprecated void f() {}", "switch (x) { default -> 1; }",
                "/* c */ int y = 2"}) {
            assertThat(ExpressionShape.looksLikeExpression(s)).as(s).isFalse();
        }
    }
}
