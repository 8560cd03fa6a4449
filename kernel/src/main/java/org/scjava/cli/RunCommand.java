package org.scjava.cli;

import org.scjava.dsl.core.Progress;
import org.scjava.kernel.CellRunner;
import org.scjava.kernel.LogSetup;
import org.scjava.kernel.Notebook;
import org.scjava.kernel.eval.CompileError;
import org.scjava.kernel.eval.JavaSession;
import org.scjava.kernel.eval.UserCodeError;
import org.scjava.kernel.progress.ConsoleProgress;
import org.scjava.magics.MagicException;
import org.scjava.magics.MagicRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ./scjava run FILE.jsh}: runs a Java script the way a notebook runs its cells (same imports, same magics),
 * printing progress lines for long verbs. Exit code 0 on success, 1 when the script fails (with the failing script
 * line), 2 for usage errors.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a Java script (JShell syntax: statements, expressions, methods, classes, %magics) with the "
                + "scjava DSL, Tablesaw and XChart imported, as in the notebook.",
                "The script's arguments are in String[] ARGS. The value of its last expression is printed.",
                "Exit code: 0 on success, 1 when a line fails to compile or throws (the line is printed), 2 on usage errors.",
                "JVM options go in JAVA_OPTS, e.g. JAVA_OPTS=-Xmx8g ./scjava run big.jsh"})
public final class RunCommand implements Callable<Integer> {

    private static volatile String[] arguments = new String[0];

    @Parameters(index = "0", paramLabel = "FILE.jsh", description = "the script to run")
    Path script;

    @Parameters(index = "1..*", paramLabel = "ARG", description = "arguments, available to the script as ARGS")
    List<String> args = List.of();

    /** The script's arguments (read by the script's {@code ARGS} variable). */
    public static String[] arguments() {
        return arguments.clone();
    }

    @Override
    public Integer call() throws Exception {
        LogSetup.logToStderr();
        if (!Files.isRegularFile(script)) {
            System.err.println("scjava run: no such script: " + script.toAbsolutePath());
            return 2;
        }
        String text;
        try {
            text = Files.readString(script);
        } catch (IOException | java.io.UncheckedIOException e) {
            System.err.println("scjava run: cannot read " + script + ": " + e.getMessage());
            return 2;
        }
        arguments = args.toArray(String[]::new);
        Progress.setFactory(new ConsoleProgress(System.err, System.console() != null));
        Notebook.setSink(new Notebook.TextSink(System.out));
        String label = script.getFileName().toString();
        try (JavaSession session = JavaSession.start()) {
            session.eval("String[] ARGS = org.scjava.cli.RunCommand.arguments();", "arguments");
            CellRunner runner = new CellRunner(session, MagicRegistry.load(RunCommand.class.getClassLoader()), Notebook::display);
            JavaSession.Result result = runner.run(text, label);
            if (result.hasValue() && result.value() != null) {
                Notebook.display(result.value());
            }
            System.out.flush();
            return 0;
        } catch (CompileError e) {
            report(System.err, script, e);
        } catch (UserCodeError e) {
            report(System.err, script, label, e);
        } catch (MagicException e) {
            System.err.println(script + ": magic failed: " + e.getMessage());
        }
        System.out.flush();
        return 1;
    }

    /** javac-style: "FILE:LINE:COLUMN: error: message", the line, a caret. */
    static void report(PrintStream err, Path script, CompileError e) {
        for (CompileError.Problem p : e.problems()) {
            err.println(script + ":" + p.line() + ":" + p.column() + ": error: " + p.message());
            err.println("    " + p.sourceLine());
            err.println("    " + " ".repeat(Math.max(0, p.column() - 1)) + "^");
        }
    }

    /** "FILE:LINE: exception" for the innermost script line on the stack, then the trimmed trace. */
    static void report(PrintStream err, Path script, String label, UserCodeError e) {
        String marker = " at " + label + ", line ";
        String where = e.traceback().stream().filter(l -> l.contains(marker)).findFirst()
                .map(l -> l.substring(l.indexOf(marker) + marker.length()))
                .map(l -> ":" + l.replaceFirst("\\s.*$", ""))
                .orElse("");
        err.println(script + where + ": " + e.getMessage());
        e.traceback().stream().skip(1).forEach(err::println);
    }
}
