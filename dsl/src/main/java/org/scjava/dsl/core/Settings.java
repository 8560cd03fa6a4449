package org.scjava.dsl.core;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * How much scjava says while it works, as scanpy's {@code settings.verbosity}: by default ({@code warning}) a
 * notebook cell shows only its result and any warnings; {@code info} adds one line per verb with what it wrote and
 * how long it took; {@code debug} adds the details of libraries (engines, file readers). Results never depend on it.
 *
 * <p>{@code Settings.verbosity("info")} (or {@code %verbosity info} in a notebook) changes it; front ends (the
 * kernel, {@code ./scjava run}) apply it to their log output through {@link #onVerbosityChange}. The starting value
 * comes from the system property {@code scjava.verbosity} or the environment variable {@code SCJAVA_VERBOSITY},
 * else {@code warning}.
 */
public final class Settings {

    /** scanpy's levels: 0 error, 1 warning, 2 info, 3 hint, 4 debug. */
    public enum Verbosity {
        ERROR, WARNING, INFO, HINT, DEBUG;

        /** "warning", "warn", "info", "hint", "debug", "error", or scanpy's numbers "0".."4". */
        public static Verbosity parse(String s) {
            String v = Objects.requireNonNull(s, "verbosity").strip().toLowerCase(Locale.ROOT);
            return switch (v) {
                case "0", "error" -> ERROR;
                case "1", "warning", "warn" -> WARNING;
                case "2", "info" -> INFO;
                case "3", "hint" -> HINT;
                case "4", "debug" -> DEBUG;
                default -> throw new IllegalArgumentException("unknown verbosity '" + s
                        + "': use error, warning, info, hint or debug (or scanpy's 0-4)");
            };
        }

        /** True when messages of {@code level} are shown at this verbosity. */
        public boolean shows(Verbosity level) {
            return level.ordinal() <= ordinal();
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static volatile Verbosity verbosity = initial();
    private static final List<Consumer<Verbosity>> LISTENERS = new CopyOnWriteArrayList<>();

    private Settings() {
    }

    private static Verbosity initial() {
        String v = System.getProperty("scjava.verbosity", System.getenv("SCJAVA_VERBOSITY"));
        try {
            return v == null || v.isBlank() ? Verbosity.WARNING : Verbosity.parse(v);
        } catch (IllegalArgumentException e) {
            return Verbosity.WARNING; // a bad setting must not stop the library from loading
        }
    }

    /** The current verbosity. */
    public static Verbosity verbosity() {
        return verbosity;
    }

    /** Sets the verbosity and tells the front ends. */
    public static void verbosity(Verbosity v) {
        verbosity = Objects.requireNonNull(v, "verbosity");
        for (Consumer<Verbosity> l : LISTENERS) {
            l.accept(v);
        }
    }

    /** {@code "info"}, {@code "debug"}, {@code "warning"}, ... (see {@link Verbosity#parse}). */
    public static void verbosity(String v) {
        verbosity(Verbosity.parse(v));
    }

    /** scanpy's numbers: 0 error, 1 warning, 2 info, 3 hint, 4 debug. */
    public static void verbosity(int v) {
        if (v < 0 || v > 4) {
            throw new IllegalArgumentException("verbosity " + v + " is out of range: use 0 (error) to 4 (debug)");
        }
        verbosity(Verbosity.values()[v]);
    }

    /** Calls {@code listener} now with the current verbosity and on every change (front ends apply it to logging). */
    public static void onVerbosityChange(Consumer<Verbosity> listener) {
        LISTENERS.add(Objects.requireNonNull(listener, "listener"));
        listener.accept(verbosity);
    }
}
