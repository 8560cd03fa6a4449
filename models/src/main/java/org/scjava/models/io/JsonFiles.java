package org.scjava.models.io;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import org.scjava.models.api.CheckpointException;

import java.nio.file.Path;
import java.util.Map;

/** Reads model config files ({@code args.json}, {@code config.json}) as maps, with errors naming the file. */
public final class JsonFiles {

    private JsonFiles() {
    }

    public static Map<String, Object> readObject(Path file) {
        Map<String, Object> m;
        try {
            m = new Gson().fromJson(CheckpointFiles.readText(file, "config file"),
                    new TypeToken<Map<String, Object>>() { }.getType());
        } catch (JsonParseException e) {
            throw new CheckpointException(file + " is not valid JSON: " + e.getMessage(), e);
        }
        if (m == null) {
            throw new CheckpointException(file + " is empty");
        }
        return m;
    }

    /** Sizes in a model config (hidden size, layers, heads, vocabulary, positions) are at most this. */
    public static final int MAX_SIZE = 1 << 24;

    /**
     * A positive integer field of at most {@link #MAX_SIZE}; the error says which file and key and what was found
     * (zero or negative sizes would build empty or NaN-producing layers).
     */
    public static int positiveInt(Map<String, Object> m, String key, Path file, String hint) {
        Object v = m.get(key);
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.doubleValue() <= 0
                || n.doubleValue() > MAX_SIZE) {
            throw new CheckpointException(file.getFileName() + ": '" + key + "' must be a positive integer, found "
                    + (v == null ? "nothing" : v) + " (" + hint + ")");
        }
        return n.intValue();
    }

    /**
     * A finite number field strictly above {@code min} (e.g. a layer-norm epsilon: {@code eps <= 0} divides by zero
     * on a constant input, NaN propagates through the model), or {@code fallback} when absent.
     */
    public static double finiteAbove(Map<String, Object> m, String key, double min, double fallback, Path file) {
        Object v = m.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue()) || n.doubleValue() <= min) {
            throw new CheckpointException(file.getFileName() + ": '" + key + "' must be a finite number above " + min
                    + ", found " + v);
        }
        return n.doubleValue();
    }

    /** A finite number field, or {@code fallback} when absent. */
    public static double finite(Map<String, Object> m, String key, double fallback, Path file) {
        return finiteAbove(m, key, Double.NEGATIVE_INFINITY, fallback, file);
    }

    /** Throws unless {@code heads} divides {@code width} (attention splits the width evenly across heads). */
    public static void requireDivides(int heads, int width, String headsKey, String widthKey, Path file) {
        if (width % heads != 0) {
            throw new CheckpointException(file.getFileName() + ": '" + widthKey + "' (" + width + ") is not a multiple "
                    + "of '" + headsKey + "' (" + heads + "); the attention heads cannot split it");
        }
    }
}