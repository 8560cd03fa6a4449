package org.scjava.models.scgpt;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import org.scjava.models.api.CheckpointException;
import org.scjava.models.api.GeneVocabulary;
import org.scjava.models.io.CheckpointFiles;
import org.scjava.models.io.TokenIds;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * scGPT's {@code vocab.json} ({@code {symbol: id}}) with the special tokens {@code embed_data} guarantees: any of
 * {@code pad_token}, {@code <cls>}, {@code <eoc>} that is missing is appended at the next id, in that order.
 */
public final class ScGptVocab {

    public static final String CLS = "<cls>";
    public static final String EOC = "<eoc>";

    private ScGptVocab() {
    }

    public static GeneVocabulary read(Path file, String padToken) {
        Map<String, Object> raw;
        try {
            raw = new Gson().fromJson(CheckpointFiles.readText(file, "vocabulary"),
                    new TypeToken<Map<String, Object>>() { }.getType());
        } catch (JsonParseException e) {
            throw new CheckpointException(file + " is not a JSON object of {gene: id} (" + e.getMessage() + ")", e);
        }
        if (raw == null || raw.isEmpty()) {
            throw new CheckpointException(file + " holds no tokens");
        }
        Map<String, Integer> ids = new LinkedHashMap<>(TokenIds.checked(raw, file.toString()));
        int next = ids.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        for (String s : new String[] {padToken, CLS, EOC}) {
            if (!ids.containsKey(s)) {
                ids.put(s, next++);
            }
        }
        return new GeneVocabulary(ids);
    }
}
