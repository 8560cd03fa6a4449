package org.scjava.kernel.eval;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scjava.dsl.atlas.Atlas;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One real JShell session (in-process engine), shared by the tests of this class. */
class JavaSessionTest {

    private static JavaSession session;

    @BeforeAll
    static void start() {
        session = JavaSession.start();
    }

    @AfterAll
    static void close() {
        session.close();
    }

    @Test
    void valuesAreLiveObjectsAndVariablesSurviveAcrossCells() {
        session.eval("var sb = new StringBuilder(\"a\");", "cell [1]");
        session.eval("sb.append(\"b\");", "cell [2]");
        JavaSession.Result r = session.eval("sb", "cell [3]");
        assertThat(r.hasValue()).isTrue();
        assertThat(r.value()).isInstanceOf(StringBuilder.class).hasToString("ab");
        assertThat(session.eval("sb.length() + 40", "cell [4]").value()).isEqualTo(42);
        assertThat(session.value("sb")).containsSame(r.value());
        assertThat(session.variables()).extracting(JavaSession.Variable::name).contains("sb");
    }

    @Test
    void trailingSemicolonSuppressesTheValue() {
        assertThat(session.eval("1 + 1;", "cell [5]").hasValue()).isFalse();
        assertThat(session.eval("int q = 3;\nq * 2 // six", "cell [6]").value()).isEqualTo(6);
    }

    @Test
    void dslIsImportedAtStartup() {
        Object atlasClass = session.eval("Atlas.class", "cell").value();
        assertThat(atlasClass).isSameAs(Atlas.class);
        assertThat(session.eval("Table.create(\"t\").name()", "cell").value()).isEqualTo("t");
    }

    @Test
    void compilesAgainstTheJava21Api() {
        // java.lang.IO is Java 25 API: on a newer JDK it must still be unknown to notebook code.
        assertThatThrownBy(() -> session.eval("IO.println(\"x\")", "cell [7]"))
                .isInstanceOf(CompileError.class).hasMessageContaining("cannot find symbol");
        assertThat(session.eval("java.util.List.of(1, 2).reversed()", "cell").value().toString()).isEqualTo("[2, 1]");
    }

    @Test
    void compileErrorsGiveCellLineAndColumn() {
        CompileError e = (CompileError) org.assertj.core.api.Assertions.catchThrowable(
                () -> session.eval("int ok = 1;\nString s = undefinedThing + 1;", "cell [8]"));
        assertThat(e.problems()).hasSize(1);
        CompileError.Problem p = e.problems().get(0);
        assertThat(p.where()).isEqualTo("cell [8]");
        assertThat(p.line()).isEqualTo(2);
        assertThat(p.column()).isEqualTo(12);
        assertThat(p.message()).isEqualTo("cannot find symbol: variable undefinedThing");
        assertThat(p.sourceLine()).isEqualTo("String s = undefinedThing + 1;");
    }

    @Test
    void userExceptionsKeepTheirClassAndMapFramesToCells() {
        session.eval("int fail(int k) {\n  if (k == 0) throw new IllegalStateException(\"deep\");\n  return fail(k - 1);\n}",
                "cell [9]");
        UserCodeError e = (UserCodeError) org.assertj.core.api.Assertions.catchThrowable(
                () -> session.eval("int x = 1;\nfail(3);", "cell [10]"));
        assertThat(e.getCause()).isInstanceOf(IllegalStateException.class).hasMessage("deep");
        assertThat(e.exceptionClass()).isEqualTo("java.lang.IllegalStateException");
        assertThat(e.traceback().get(0)).isEqualTo("java.lang.IllegalStateException: deep");
        assertThat(e.traceback()).anyMatch(l -> l.contains("cell [9], line 2 in fail()"));
        assertThat(e.traceback()).anyMatch(l -> l.contains("[previous line repeated 2 more times]"));
        assertThat(e.traceback().get(e.traceback().size() - 1)).contains("cell [10], line 2");
        assertThat(e.traceback()).noneMatch(l -> l.contains("jdk.jshell") || l.contains("REPL."));
    }

    @Test
    void errorsAreReportedNotFatal() {
        UserCodeError e = (UserCodeError) org.assertj.core.api.Assertions.catchThrowable(
                () -> session.eval("int down(int k) { return down(k + 1) + 1; }\ndown(0);", "cell [11]"));
        assertThat(e.getCause()).isInstanceOf(StackOverflowError.class);
        assertThat(e.traceback().size()).isLessThan(20);
        assertThat(session.eval("2 + 2", "cell").value()).isEqualTo(4);
    }

    @Test
    void stopInterruptsARunningCellAndKeepsTheSession() throws Exception {
        session.eval("int keep = 7;", "cell [12]");
        CompletableFuture<Throwable> run = CompletableFuture.supplyAsync(() -> {
            try {
                session.eval("while (true) { }", "cell [13]");
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        Thread.sleep(500);
        session.stop();
        assertThat(run.get(10, TimeUnit.SECONDS)).isInstanceOf(CellInterrupted.class);
        assertThat(session.eval("keep", "cell").value()).isEqualTo(7);
    }
}
