package org.scjava.kernel;

import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.reply.KernelInfoReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.dflib.jjava.jupyter.messages.request.KernelInfoRequest;
import org.scjava.dsl.core.Progress;
import org.scjava.kernel.display.RendererRegistry;
import org.scjava.kernel.eval.CodeAssist;
import org.scjava.kernel.eval.JavaSession;
import org.scjava.kernel.progress.NotebookProgress;
import org.scjava.kernel.transport.KernelConnection;
import org.scjava.magics.Magic;
import org.scjava.magics.MagicRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scjava Jupyter kernel: JJava's protocol handling (kernel info, history, comms, shutdown, interrupt) with
 * execution, completion, inspection and error reporting of its own. The Java session starts in the background while
 * the kernel already answers, so the first reply does not wait for the compiler; the first execution waits for it.
 */
public final class ScjavaKernel extends BaseKernel {

    private static final Logger LOG = LoggerFactory.getLogger(ScjavaKernel.class);
    private static final Pattern MAGIC_PREFIX = Pattern.compile("(?m)^\\s*(%%?)(\\w*)$");

    private final KernelIO kernelIO;
    private final KernelDisplays displays;
    private final CompletableFuture<CellRunner> runner;

    private ScjavaKernel(KernelIO io, Renderer renderer) {
        super("scjava", version(), languageInfo(), helpLinks(), null, io, new CommManager(), renderer, null,
                new MagicsRegistry(), false, new StringStyler.Builder().build());
        this.kernelIO = io;
        this.displays = new KernelDisplays(renderer, io.display);
        this.runner = new CompletableFuture<>();
    }

    /** A kernel; {@link #startSession()} starts its Java session. */
    public static ScjavaKernel create() {
        return new ScjavaKernel(new KernelIO(), new Renderer());
    }

    /**
     * A kernel serving the sockets {@code props} names, in the order a real start needs: sockets bound before the
     * Java session starts, so Jupyter's first request is answered while the session warms up. Used by
     * {@link KernelMain} and by the self-test that records the startup archive, which must take the same path.
     */
    public static KernelConnection serve(KernelConnectionProperties props) throws GeneralSecurityException {
        ScjavaKernel kernel = create();
        KernelConnection connection = new KernelConnection(props);
        kernel.becomeHandlerForConnection(connection);
        kernel.onStartup();
        connection.connect();
        kernel.startSession();
        return connection;
    }

    /** Magics are also callable from Java code through JJava's registry ({@code lineMagic("who", List.of())}). */
    private void registerWithJJava(Magic m) {
        if (m.isCellMagic()) {
            magicsRegistry.registerCellMagic(m.name(), (kernel, args, body) -> m.run(runner.join(), args, body));
        } else {
            magicsRegistry.registerLineMagic(m.name(), (kernel, args) -> m.run(runner.join(), args, null));
        }
    }

    static String version() {
        String v = ScjavaKernel.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    private static LanguageInfo languageInfo() {
        return new LanguageInfo.Builder("java").version(Integer.toString(JavaSession.RELEASE))
                .mimetype("text/x-java-source").fileExtension(".jsh").pygments("java").codemirror("text/x-java")
                .build();
    }

    private static List<HelpLink> helpLinks() {
        return List.of(new HelpLink("Java 21 API", "https://docs.oracle.com/en/java/javase/21/docs/api/"),
                new HelpLink("Tablesaw", "https://jtablesaw.github.io/tablesaw/"),
                new HelpLink("XChart", "https://knowm.org/open-source/xchart/"));
    }

    @Override
    public String getBanner() {
        return "scjava " + version() + " — Java " + JavaSession.RELEASE + " (JShell) on " + Runtime.version()
                + "\nThe DSL, Tablesaw and XChart are imported; %lsmagic lists the magics.";
    }

    /**
     * Starts the Java session in the background (JShell's compiler takes about a second to start), with the
     * renderers and magics (loading their classes is left out of the path to the first reply); requests that need
     * it wait for it. Called once the sockets are bound, so the first reply does not compete with it.
     */
    public void startSession() {
        Thread t = new Thread(() -> {
            try {
                ClassLoader loader = ScjavaKernel.class.getClassLoader();
                new RendererRegistry(getRenderer()).installFrom(loader);
                MagicRegistry magics = MagicRegistry.load(loader);
                magics.all().forEach(this::registerWithJJava);
                runner.complete(new CellRunner(JavaSession.start(), magics, displays::display));
            } catch (Throwable e) {
                LOG.error("the Java session failed to start", e);
                runner.completeExceptionally(e);
            }
        }, "scjava-session-start");
        t.setDaemon(true);
        t.start();
    }

    /** The session, once started (waits for the background start). */
    public CellRunner runner() {
        return runner.join();
    }

    /** kernel_info_reply with the {@code status} field of protocol 5 (JJava's reply leaves it out). */
    private static final class KernelInfoOk extends KernelInfoReply {
        @SuppressWarnings("unused") // serialised by Gson
        private final String status = "ok";

        KernelInfoOk(String protocol, String name, String version, LanguageInfo info, String banner, List<HelpLink> links) {
            super(protocol, name, version, info, banner, links);
        }
    }

    @Override
    protected void handleKernelInfoRequest(ShellReplyEnvironment env, Message<KernelInfoRequest> message) {
        env.setBusyDeferIdle();
        env.reply(new KernelInfoOk(Header.PROTOCOL_VERISON, name, version, getLanguageInfo(), getBanner(), getHelpLinks()));
    }

    @Override
    public void onStartup() {
        super.onStartup();
        Notebook.setSink(displays);
        Progress.setFactory(new NotebookProgress(displays));
    }

    @Override
    protected synchronized void handleExecuteRequest(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        commManager.setMessageContext(message);
        ExecuteRequest request = message.getContent();
        boolean silent = request.isSilent();
        int count = silent ? executionCount.get() : executionCount.getAndIncrement();
        env.setBusyDeferIdle();
        if (!silent) {
            env.publish(new PublishExecuteInput(request.getCode(), count));
        }
        replaceOutputStreams(env);
        kernelIO.attach(env, request.isStdinEnabled());
        env.defer(() -> kernelIO.detach(env));
        try {
            JavaSession.Result result = runner().run(request.getCode(), "cell [" + count + "]");
            kernelIO.flush();
            if (result.hasValue() && result.value() != null && !silent) {
                env.publish(new PublishExecuteResult(count, renderResult(result.value())));
            }
            env.defer().reply(new ExecuteReply(count, Map.of()));
        } catch (Throwable t) {
            kernelIO.flush();
            ErrorReport report = ErrorReport.of(t instanceof java.util.concurrent.CompletionException && t.getCause() != null
                    ? t.getCause() : t);
            env.publish(new PublishError(report.ename(), report.evalue(), report.traceback()));
            ErrorReply reply = new ErrorReply(report.ename(), report.evalue(), report.traceback());
            reply.setExecutionCount(count);
            env.defer().replyError(ExecuteReply.MESSAGE_TYPE.error(), reply);
        }
    }

    /** Renders a cell's value; a failing renderer falls back to text so the value is still seen. */
    private DisplayData renderResult(Object value) {
        try {
            return getRenderer().render(value);
        } catch (RuntimeException e) {
            LOG.warn("rendering a {} failed: {}", value.getClass().getName(), e.toString());
            System.err.println("(rich display of " + value.getClass().getSimpleName() + " failed: " + e + ")");
            return new DisplayData(String.valueOf(value));
        }
    }

    @Override
    public Object evalRaw(String source) {
        try {
            JavaSession.Result r = runner().run(source, "eval");
            return r.hasValue() ? r.value() : null;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        List<CodeAssist.Doc> docs = runner().session().assist().inspect(code, at);
        if (docs.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        StringBuilder md = new StringBuilder();
        for (CodeAssist.Doc d : docs) {
            text.append(d.signature()).append('\n').append(d.summary().isEmpty() ? "" : d.summary() + "\n").append('\n');
            md.append("```java\n").append(d.signature()).append("\n```\n").append(d.summary()).append("\n\n");
        }
        DisplayData data = new DisplayData(text.toString().strip());
        data.putMarkdown(md.toString().strip());
        return data;
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        String before = code.substring(0, Math.min(at, code.length()));
        String line = before.substring(before.lastIndexOf('\n') + 1);
        Matcher m = MAGIC_PREFIX.matcher(line);
        if (m.matches()) {
            boolean cell = m.group(1).length() == 2;
            List<String> names = runner().registry().all().stream().filter(g -> g.isCellMagic() == cell)
                    .map(Magic::name).filter(n -> n.startsWith(m.group(2))).toList();
            return new ReplacementOptions(names, at - m.group(2).length(), at);
        }
        CodeAssist.Completion c = runner().session().assist().complete(code, at);
        return new ReplacementOptions(c.matches(), c.start(), c.end());
    }

    @Override
    public String isComplete(String code) {
        if (code.stripLeading().startsWith("%")) {
            return IS_COMPLETE_YES;
        }
        return switch (runner().session().assist().isComplete(code)) {
            case COMPLETE -> IS_COMPLETE_YES;
            case INCOMPLETE -> "    ";
            case INVALID -> IS_COMPLETE_BAD;
        };
    }

    @Override
    public void interrupt() {
        if (runner.isDone() && !runner.isCompletedExceptionally()) {
            runner.join().session().stop();
        }
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        if (runner.isDone() && !runner.isCompletedExceptionally()) {
            CellRunner r = runner.join();
            closeHandles(r);
            r.session().close();
        }
        super.onShutdown(isRestarting);
    }

    /** Closes native resources held in variables (models, managers) so a restart does not leak them. */
    private static void closeHandles(CellRunner r) {
        for (var v : r.variables()) {
            r.value(v.name()).ifPresent(value -> {
                if (value instanceof AutoCloseable c) {
                    try {
                        c.close();
                    } catch (Exception e) {
                        LOG.warn("closing variable {} failed: {}", v.name(), e.toString());
                    }
                }
            });
        }
    }
}
