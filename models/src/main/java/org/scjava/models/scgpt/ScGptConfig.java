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
        int embsize = JsonFiles.positiveInt(m, "embsize", file, hint);
        int nheads = JsonFiles.positiveInt(m, "nheads", file, hint);
        JsonFiles.requireDivides(nheads, embsize, "nheads", "embsize", file);
        return new ScGptConfig(embsize, nheads, JsonFiles.positiveInt(m, "d_hid", file, hint),
                JsonFiles.positiveInt(m, "nlayers", file, hint), String.valueOf(m.getOrDefault("pad_token", "<pad>")),
                (float) JsonFiles.finite(m, "pad_value", -2, file), m);
    }
}
