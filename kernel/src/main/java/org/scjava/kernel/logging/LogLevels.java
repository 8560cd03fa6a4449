package org.scjava.kernel.logging;

import org.scjava.dsl.core.Settings;

import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Log levels from the verbosity: scjava's own loggers follow it (warning: warnings only; info: a line per verb;
 * debug: everything); libraries stay at warnings until debug, and a few known-noisy ones are held lower still —
 * DJL's CUDA probe warns twice on every CPU-only machine ("Failed to detect GPU count"), which {@code %device}
 * reports once instead.
 */
public final class LogLevels {

    /** Loggers quieter than the rest below debug verbosity: logger name → level. */
    private static final Map<String, Level> NOISY = Map.of(
            "ai.djl.util.cuda.CudaUtils", Level.OFF,
            "ai.djl.pytorch.jni.LibUtils", Level.WARNING,
            "io.jhdf", Level.WARNING,
            "org.eclipse.aether", Level.WARNING,
            "org.apache.pdfbox", Level.SEVERE,
            "org.apache.fontbox", Level.SEVERE);

    /** Strong references: java.util.logging keeps loggers only weakly, and a collected one forgets its level. */
    private static final List<Logger> HELD = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static volatile boolean stacks;
    private static boolean following;

    private LogLevels() {
    }

    /**
     * Makes {@code sink} the only destination of log records (replacing an earlier one) and follows
     * {@link Settings#verbosity()} from now on. Call early, before libraries print through a default console handler.
     */
    public static synchronized void install(LogSink sink) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        root.addHandler(new LogRouting(sink));
        if (!following) {
            following = true;
            HELD.add(root);
            Settings.onVerbosityChange(LogLevels::apply);
        } else {
            apply(Settings.verbosity()); // reset() cleared the levels
        }
    }

    /** Sets the levels for {@code v}. */
    public static void apply(Settings.Verbosity v) {
        Level own = switch (v) {
            case ERROR -> Level.SEVERE;
            case WARNING -> Level.WARNING;
            case INFO, HINT -> Level.INFO;
            case DEBUG -> Level.FINE;
        };
        stacks = v == Settings.Verbosity.DEBUG;
        level("", v == Settings.Verbosity.DEBUG ? Level.INFO : own.intValue() > Level.WARNING.intValue() ? own
                : Level.WARNING);
        level("org.scjava", own);
        for (var e : NOISY.entrySet()) {
            level(e.getKey(), v == Settings.Verbosity.DEBUG ? Level.FINE : e.getValue());
        }
    }

    /** Whether warnings carry their exception's stack (debug). */
    static boolean showsStacks() {
        return stacks;
    }

    private static void level(String name, Level level) {
        Logger l = Logger.getLogger(name);
        l.setLevel(level);
        if (!HELD.contains(l)) {
            HELD.add(l);
        }
    }
}
