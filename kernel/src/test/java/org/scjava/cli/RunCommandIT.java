package org.scjava.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ./scjava run FILE.jsh} through the real launcher: output, ARGS, JAVA_OPTS, progress, failures. */
class RunCommandIT {

    @TempDir
    Path dir;

    @Test
    void runsAScriptWithTheDslImported() throws Exception {
        Path script = Files.writeString(dir.resolve("ok.jsh"), """
                var t = Table.create("t", IntColumn.create("n", 1, 2, 3));
                System.out.println("rows=" + t.rowCount());
                System.out.println("prop=" + System.getProperty("scjava.it.prop"));
                System.out.println("args=" + String.join(",", ARGS));
                try (var p = Progress.start("work", 2, "steps")) { p.step(1); Thread.sleep(1100); p.step(1); }
                Atlas.class.getSimpleName()
                """);
        Launcher.Result r = Launcher.run(Map.of("JAVA_OPTS", "-Dscjava.it.prop=hello"), dir, "run", script.toString(), "a", "b");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("rows=3\n", "prop=hello\n", "args=a,b\n", "Atlas\n");
        assertThat(r.stderr()).contains("work: 2/2 steps (100%)").contains("done");
    }

    @Test
    void anExceptionExitsNonZeroNamingTheScriptLine() throws Exception {
        Path script = Files.writeString(dir.resolve("fail.jsh"), """
                int x = 1;
                System.out.println("before");
                Integer.parseInt("abc");
                System.out.println("after");
                """);
        Launcher.Result r = Launcher.run(Map.of(), dir, "run", script.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).contains("before").doesNotContain("after");
        assertThat(r.stderr()).startsWith(script + ":3: java.lang.NumberFormatException: For input string: \"abc\"");
        assertThat(r.stderr()).contains("at fail.jsh, line 3  |  Integer.parseInt(\"abc\");");
    }

    @Test
    void aCompileErrorExitsNonZeroWithLineAndColumn() throws Exception {
        Path script = Files.writeString(dir.resolve("broken.jsh"), "int x = 1;\nString s = nope;\n");
        Launcher.Result r = Launcher.run(Map.of(), dir, "run", script.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains(script + ":2:12: error: cannot find symbol: variable nope",
                "    String s = nope;\n", "               ^\n");
    }

    @Test
    void aMissingScriptIsAUsageError() throws Exception {
        Launcher.Result r = Launcher.run(Map.of(), dir, "run", dir.resolve("absent.jsh").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("no such script").contains("absent.jsh");
    }
}
