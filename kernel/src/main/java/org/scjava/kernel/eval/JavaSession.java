package org.scjava.kernel.eval;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.VarSnippet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One Java evaluation session: JShell compiling at the Java 21 level against the Java 21 API (see
 * {@link ReleaseFileManager}), running in this JVM through {@link CapturingExecutionControl}, so objects created in
 * one cell (an Atlas, a model holding native memory) live on for the next and come back as live objects for
 * rendering. Used by the kernel and by {@code ./scjava run}. Not thread-safe, except {@link #stop()}.
 */
public final class JavaSession implements AutoCloseable {

    /** Language level and API of notebook code. */
    public static final int RELEASE = 21;

    private static final Logger LOG = LoggerFactory.getLogger(JavaSession.class);
    private static final List<String> WARM_UP = List.of("1 + 1", "int __w = java.util.List.of(\"a\").size();",
            "String.valueOf(42).length()");

    private final JShell shell;
    private final CapturingExecutionControl control;
    private final SnippetRunner runner;
    private final CodeAssist assist;

    private JavaSession(JShell shell, CapturingExecutionControl control) {
        this.shell = shell;
        this.control = control;
        SnippetSplitter splitter = new SnippetSplitter(shell.sourceCodeAnalysis());
        this.runner = new SnippetRunner(shell, control, splitter);
        this.assist = new CodeAssist(shell, splitter);
    }

    /**
     * Starts a session: builds JShell, evaluates the startup imports and warms the compiler up (so the first user
     * cell does not pay for it). Takes about a second; the kernel does it in the background.
     */
    public static JavaSession start() {
        CapturingExecutionControl.Provider provider = new CapturingExecutionControl.Provider();
        AtomicInteger temp = new AtomicInteger();
        JShell.Builder builder = JShell.builder()
                .executionEngine(provider, java.util.Map.of())
                .tempVariableNameGenerator(() -> "$" + temp.incrementAndGet());
        var release = ReleaseFileManager.forRelease(RELEASE);
        if (release.isPresent()) {
            builder.fileManager(release.get()).compilerOptions("--source", Integer.toString(RELEASE), "-Xlint:-options");
        } else if (Runtime.version().feature() != RELEASE) {
            LOG.warn("no Java {} API description (lib/ct.sym) in {}; notebook code compiles against Java {}",
                    RELEASE, System.getProperty("java.home"), Runtime.version().feature());
            builder.compilerOptions("--source", Integer.toString(RELEASE), "-Xlint:-options");
        }
        JShell shell = builder.build();
        JavaSession session = new JavaSession(shell, provider.control());
        for (String imp : StartupImports.statements(JavaSession.class.getClassLoader())) {
            session.quiet(imp, false);
        }
        for (String w : WARM_UP) {
            session.quiet(w, true);
        }
        temp.set(0);
        return session;
    }

    /** Evaluates a startup snippet; failures are logged, not thrown. */
    private void quiet(String source, boolean dropAfter) {
        for (SnippetEvent e : shell.eval(source)) {
            if (e.causeSnippet() != null) {
                continue;
            }
            if (e.status() == Snippet.Status.REJECTED) {
                LOG.warn("startup snippet rejected: {} ({})", source, shell.diagnostics(e.snippet())
                        .map(d -> d.getMessage(null)).toList());
            }
            if (dropAfter) {
                shell.drop(e.snippet());
            }
        }
    }

    /** The result of evaluating some text: the value of its last expression, if it has one to show. */
    public record Result(Object value, boolean hasValue) {
        public static final Result NONE = new Result(null, false);
    }

    /**
     * Evaluates {@code text} (one or more snippets) labelled {@code label} in errors ("cell [3]", "run.jsh").
     *
     * @throws CompileError     when a snippet does not compile (nothing after it runs)
     * @throws UserCodeError    when user code throws (the cause is the user's own exception)
     * @throws CellInterrupted  when {@link #stop()} stopped it
     */
    public Result eval(String text, String label) {
        return runner.run(text, label);
    }

    /** Stops the running snippet (from another thread); the session stays usable. */
    public void stop() {
        runner.requestStop();
        shell.stop();
    }

    /** Adds a jar or class directory for both compiling and running later snippets. */
    public void addToClasspath(Path path) {
        shell.addToClasspath(path.toAbsolutePath().toString());
    }

    /** A variable defined by user code: its name and declared type. */
    public record Variable(String name, String type) {
    }

    /** The user's variables, in definition order (temporary {@code $1} values excluded). */
    public List<Variable> variables() {
        List<Variable> out = new ArrayList<>();
        shell.variables()
                .filter(v -> shell.status(v).isActive() && !v.name().startsWith("$") && !v.name().startsWith("__"))
                .forEach(v -> out.add(new Variable(v.name(), Traceback.clean(v.typeName()))));
        return out;
    }

    /** The live value of variable {@code name}, if defined. */
    public Optional<Object> value(String name) {
        return runner.variable(name).map(runner::liveValue);
    }

    /** Removes variable {@code name}; false if there is none. */
    public boolean drop(String name) {
        Optional<VarSnippet> v = runner.variable(name);
        v.ifPresent(shell::drop);
        return v.isPresent();
    }

    /** Completion, documentation and completeness checks against this session's definitions. */
    public CodeAssist assist() {
        return assist;
    }

    @Override
    public void close() {
        shell.close();
    }
}
