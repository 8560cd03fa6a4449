package org.scjava.models.geneformer;

import org.scjava.models.api.CheckpointException;
import org.scjava.models.io.JsonFiles;

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
        Map<String, Object> m = JsonFiles.readObject(file);
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
        int hidden = intField(m, file, "hidden_size");
        int heads = intField(m, file, "num_attention_heads");
        JsonFiles.requireDivides(heads, hidden, "num_attention_heads", "hidden_size", file);
        int typeVocab = m.containsKey("type_vocab_size") ? intField(m, file, "type_vocab_size") : 2;
        return new GeneformerConfig(hidden, intField(m, file, "num_hidden_layers"), heads,
                intField(m, file, "intermediate_size"), act, JsonFiles.finiteAbove(m, "layer_norm_eps", 0, 1e-12, file),
                intField(m, file, "max_position_embeddings"), typeVocab, intField(m, file, "vocab_size"), m);
    }

    private static int intField(Map<String, Object> m, Path file, String key) {
        return JsonFiles.positiveInt(m, key, file, "is this a Geneformer/BERT config.json?");
    }
}
