package org.scjava.models.scgpt;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import org.scjava.models.api.CheckpointException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The parts of scGPT's {@code args.json} that the embedding path reads (as {@code scgpt.tasks.embed_data} does):
 * {@code embsize, nheads, d_hid, nlayers, pad_token, pad_value}. Other keys (training settings, paths) are kept in
 * {@link #raw} for the model card only.
 */
public record ScGptConfig(int embsize, int nheads, int dHid, int nlayers, String padToken, float padValue,
                          Map<String, Object> raw) {

    public static ScGptConfig read(Path file) {
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
        String name = file.getFileName().toString();
        return new ScGptConfig(intField(m, "embsize", name), intField(m, "nheads", name), intField(m, "d_hid", name),
                intField(m, "nlayers", name), m.getOrDefault("pad_token", "<pad>").toString(),
                m.get("pad_value") instanceof Number n ? n.floatValue() : -2f, m);
    }

    private static int intField(Map<String, Object> m, String key, String file) {
        Object v = m.get(key);
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.intValue() <= 0) {
            throw new CheckpointException(file + ": '" + key + "' must be a positive integer, found "
                    + (v == null ? "nothing" : v) + " (is this scGPT's args.json?)");
        }
        return n.intValue();
    }
}
