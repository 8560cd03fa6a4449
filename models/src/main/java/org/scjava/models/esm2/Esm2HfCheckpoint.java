package org.scjava.models.esm2;

import org.scjava.models.ModelFiles;
import org.scjava.models.api.CheckpointException;
import org.scjava.models.io.HostTensor;
import org.scjava.models.io.JsonFiles;
import org.scjava.models.io.SafeTensors;
import org.scjava.models.io.StateDict;
import org.scjava.models.io.TorchCheckpoint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ESM-2 in the Hugging Face layout ({@code facebook/esm2_t6_8M_UR50D} etc.: {@code config.json} with
 * {@code model_type "esm"} plus {@code model.safetensors} or {@code pytorch_model.bin} of {@code EsmForMaskedLM} /
 * {@code EsmModel}), mapped onto the fair-esm tensor order of {@link Esm2Checkpoint} with the name correspondence of
 * transformers' {@code models/esm/convert_esm.py} (word_embeddings → embed_tokens, attention.self.query/key/value →
 * self_attn.q/k/v_proj, attention.output.dense → out_proj, attention.LayerNorm → self_attn_layer_norm,
 * intermediate.dense → fc1, output.dense → fc2, LayerNorm → final_layer_norm, encoder.emb_layer_norm_after →
 * emb_layer_norm_after, rotary_embeddings.inv_freq → rot_emb.inv_freq). HF's {@code EsmModel} then computes what
 * fair-esm's {@code ESM2} computes (checked against both in Esm2ParityTest). Only the ESM-2 architecture is accepted:
 * rotary positions, no embedding LayerNorm, FFN width 4·hidden, the 33-token ESM-1b alphabet.
 */
final class Esm2HfCheckpoint {

    private Esm2HfCheckpoint() {
    }

    /** True when {@code dir} holds a {@code config.json} (the HF layout). */
    static boolean isHuggingFace(Path dir) {
        return ModelFiles.optional(dir, "config.json") != null;
    }

    /** The weights file of an HF directory: model.safetensors, else pytorch_model.bin. */
    static Path weightsFile(Path dir) {
        return ModelFiles.require(dir, "esm2", "model.safetensors", "pytorch_model.bin");
    }

    static Esm2Checkpoint read(Path dir) {
        Path configFile = dir.resolve("config.json");
        Map<String, Object> cfg = JsonFiles.readObject(configFile);
        checkArchitecture(cfg, configFile);
        int dim = JsonFiles.positiveInt(cfg, "hidden_size", configFile, "ESM-2 embedding size");
        int layers = JsonFiles.positiveInt(cfg, "num_hidden_layers", configFile, "number of transformer layers");
        int heads = JsonFiles.positiveInt(cfg, "num_attention_heads", configFile, "attention heads");
        if (dim % heads != 0 || (dim / heads) % 2 != 0) {
            throw new CheckpointException(configFile + ": hidden_size " + dim + " / num_attention_heads " + heads
                    + " must give an even head size (rotary embeddings rotate pairs)");
        }
        Path weights = weightsFile(dir);
        StateDict sd = (weights.getFileName().toString().endsWith(".safetensors") ? SafeTensors.read(weights)
                : TorchCheckpoint.readStateDict(weights)).renamed(Esm2HfCheckpoint::withoutModelPrefix);
        List<HostTensor> w = tensors(sd, layers, dim, heads);
        if (sd.contains("encoder.layer." + layers + ".intermediate.dense.weight")) {
            throw new CheckpointException(weights + " has more layers than config.json's num_hidden_layers = " + layers
                    + " (found 'encoder.layer." + layers + ".intermediate.dense.weight')");
        }
        Map<String, Object> card = new LinkedHashMap<>(cfg);
        card.put("encoder_layers", layers);
        card.put("encoder_embed_dim", dim);
        card.put("encoder_attention_heads", heads);
        boolean tokenDropout = !Boolean.FALSE.equals(cfg.get("token_dropout"));
        return new Esm2Checkpoint(layers, dim, heads, tokenDropout, card, w, sd.unusedKeys());
    }

    /** EsmForMaskedLM keys start with "esm."; a bare EsmModel's do not. */
    static String withoutModelPrefix(String key) {
        return key.startsWith("esm.") ? key.substring(4) : key;
    }

    private static List<HostTensor> tensors(StateDict sd, int layers, int dim, int heads) {
        int vocab = Esm2Alphabet.esm1b().size();
        List<HostTensor> w = new ArrayList<>();
        w.add(sd.get("embeddings.word_embeddings.weight", vocab, dim));
        w.add(sd.get("encoder.emb_layer_norm_after.weight", dim));
        w.add(sd.get("encoder.emb_layer_norm_after.bias", dim));
        for (int i = 0; i < layers; i++) {
            String p = "encoder.layer." + i + ".";
            w.add(sd.get(p + "attention.LayerNorm.weight", dim));
            w.add(sd.get(p + "attention.LayerNorm.bias", dim));
            for (String proj : new String[] {"query", "key", "value"}) {
                w.add(sd.get(p + "attention.self." + proj + ".weight", dim, dim));
                w.add(sd.get(p + "attention.self." + proj + ".bias", dim));
            }
            String freq = p + "attention.self.rotary_embeddings.inv_freq";
            w.add(sd.contains(freq) ? sd.get(freq, dim / heads / 2) : inverseFrequencies(dim / heads));
            w.add(sd.get(p + "attention.output.dense.weight", dim, dim));
            w.add(sd.get(p + "attention.output.dense.bias", dim));
            w.add(sd.get(p + "LayerNorm.weight", dim));
            w.add(sd.get(p + "LayerNorm.bias", dim));
            w.add(sd.get(p + "intermediate.dense.weight", 4L * dim, dim));
            w.add(sd.get(p + "intermediate.dense.bias", 4L * dim));
            w.add(sd.get(p + "output.dense.weight", dim, 4L * dim));
            w.add(sd.get(p + "output.dense.bias", dim));
        }
        return w;
    }

    /**
     * {@code RotaryEmbedding.__init__} of modeling_esm.py: 1 / 10000^(2i/headDim) in float32, used when a file does not
     * store the buffer (released files do, with the values of training — those are preferred).
     */
    private static HostTensor inverseFrequencies(int headDim) {
        float[] f = new float[headDim / 2];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) (1.0 / Math.pow(10000.0, (float) (2 * i) / headDim));
        }
        return HostTensor.ofFloats(new long[] {f.length}, f);
    }

    private static void checkArchitecture(Map<String, Object> cfg, Path file) {
        require(file, "model_type", cfg.get("model_type"), "esm");
        require(file, "position_embedding_type", cfg.getOrDefault("position_embedding_type", "absolute"), "rotary");
        if (Boolean.TRUE.equals(cfg.get("emb_layer_norm_before"))) {
            throw new CheckpointException(file + ": emb_layer_norm_before = true is an ESM-1b layout; scjava runs ESM-2");
        }
        if (Boolean.TRUE.equals(cfg.get("is_folding_model"))) {
            throw new CheckpointException(file + ": is_folding_model = true (ESMFold); scjava embeds with ESM-2 only");
        }
        int vocab = Esm2Alphabet.esm1b().size();
        if (cfg.get("vocab_size") instanceof Number n && n.intValue() != vocab) {
            throw new CheckpointException(file + ": vocab_size " + n + " but ESM-2 uses the " + vocab
                    + "-token ESM-1b alphabet");
        }
        if (cfg.get("intermediate_size") instanceof Number n && cfg.get("hidden_size") instanceof Number h
                && n.intValue() != 4 * h.intValue()) {
            throw new CheckpointException(file + ": intermediate_size " + n + " is not 4 x hidden_size " + h
                    + " as in every ESM-2 release");
        }
        if (cfg.get("layer_norm_eps") instanceof Number eps && Math.abs(eps.doubleValue() - 1e-5) > 1e-12) {
            throw new CheckpointException(file + ": layer_norm_eps " + eps + "; ESM-2 uses 1e-5");
        }
    }

    private static void require(Path file, String key, Object found, String want) {
        if (!want.equals(found)) {
            throw new CheckpointException(file + ": '" + key + "' is " + (found == null ? "missing" : "\"" + found + "\"")
                    + "; an ESM-2 config.json has \"" + want + "\"");
        }
    }
}
