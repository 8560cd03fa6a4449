package org.scjava.models.geneformer;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import org.scjava.models.api.CheckpointException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The HF {@code BertConfig} fields Geneformer's forward pass depends on ({@code config.json}): sizes, activation
 * ({@code relu} for Geneformer), LayerNorm epsilon, position table size (= the tokenizer's model input size) and
 * vocabulary size.
 */
public record GeneformerConfig(int hiddenSize, int numLayers, int numHeads, int intermediateSize, String hiddenAct,
                               double layerNormEps, int maxPositions, int typeVocabSize, int vocabSize,
                               Map<String, Object> raw) {

    public static GeneformerConfig read(Path file) {
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
        Object type = m.get("model_type");
        if (type != null && !"bert".equals(type)) {
            throw new CheckpointException(name + ": model_type is '" + type + "', but Geneformer checkpoints are 'bert'");
        }
        Object pos = m.getOrDefault("position_embedding_type", "absolute");
        if (!"absolute".equals(pos)) {
            throw new CheckpointException(name + ": position_embedding_type '" + pos + "' is not supported (absolute only)");
        }
        String act = String.valueOf(m.getOrDefault("hidden_act", "gelu"));
        if (!act.equals("relu") && !act.equals("gelu")) {
            throw new CheckpointException(name + ": hidden_act '" + act + "' is not supported (relu or gelu)");
        }
        return new GeneformerConfig(intField(m, "hidden_size", name), intField(m, "num_hidden_layers", name),
                intField(m, "num_attention_heads", name), intField(m, "intermediate_size", name), act,
                m.get("layer_norm_eps") instanceof Number n ? n.doubleValue() : 1e-12,
                intField(m, "max_position_embeddings", name),
                m.get("type_vocab_size") instanceof Number t ? t.intValue() : 2, intField(m, "vocab_size", name), m);
    }

    private static int intField(Map<String, Object> m, String key, String file) {
        Object v = m.get(key);
        if (!(v instanceof Number n) || n.intValue() <= 0) {
            throw new CheckpointException(file + ": '" + key + "' must be a positive integer, found "
                    + (v == null ? "nothing" : v) + " (is this a Geneformer/BERT config.json?)");
        }
        return n.intValue();
    }
}
