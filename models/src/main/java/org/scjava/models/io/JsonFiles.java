package org.scjava.models.io;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import org.scjava.models.api.CheckpointException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Reads model config files ({@code args.json}, {@code config.json}) as maps, with errors naming the file. */
public final class JsonFiles {

    private JsonFiles() {
    }

    public static Map<String, Object> readObject(Path file) {
        Map<String, Object> m;
        try {
            m = new Gson().fromJson(Files.readString(file), new TypeToken<Map<String, Object>>() { }.getType());
        } catch (IOException e) {
            throw new CheckpointException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (JsonParseException e) {
            throw new CheckpointException(file + " is not valid JSON: " + e.getMessage(), e);
        }
        if (m == null) {
            throw new CheckpointException(file + " is empty");
        }
        return m;
    }

    /** A positive integer field; the error says which file and key and what was found. */
    public static int positiveInt(Map<String, Object> m, String key, Path file, String hint) {
        Object v = m.get(key);
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.intValue() <= 0) {
            throw new CheckpointException(file.getFileName() + ": '" + key + "' must be a positive integer, found "
                    + (v == null ? "nothing" : v) + " (" + hint + ")");
        }
        return n.intValue();
    }
}
