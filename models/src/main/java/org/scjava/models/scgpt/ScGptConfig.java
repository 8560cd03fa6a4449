package org.scjava.models.scgpt;

import org.scjava.models.io.JsonFiles;

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
        Map<String, Object> m = JsonFiles.readObject(file);
        String hint = "is this scGPT's args.json?";
        return new ScGptConfig(JsonFiles.positiveInt(m, "embsize", file, hint), JsonFiles.positiveInt(m, "nheads", file, hint),
                JsonFiles.positiveInt(m, "d_hid", file, hint), JsonFiles.positiveInt(m, "nlayers", file, hint),
                m.getOrDefault("pad_token", "<pad>").toString(),
                m.get("pad_value") instanceof Number n ? n.floatValue() : -2f, m);
    }
}
