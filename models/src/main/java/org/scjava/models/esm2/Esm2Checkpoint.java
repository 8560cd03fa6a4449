package org.scjava.models.esm2;

import org.scjava.models.api.CheckpointException;
import org.scjava.models.io.HostTensor;
import org.scjava.models.io.StateDict;
import org.scjava.models.io.TorchCheckpoint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ESM-2 checkpoint as facebookresearch/esm distributes it ({@code esm2_t6_8M_UR50D.pt} etc.), read the way
 * {@code pretrained.py: _load_model_and_alphabet_core_v2} reads it: the config is {@code cfg["model"]} (an
 * {@code argparse.Namespace} with {@code encoder_layers}, {@code encoder_embed_dim}, {@code encoder_attention_heads},
 * {@code token_dropout}); tensor names lose the prefixes {@code encoder.sentence_encoder.} and {@code encoder.}.
 * Every tensor the embedding path needs is checked against the config (key and both shapes in the error); the
 * masked-LM head and contact-regression weights are listed as ignored.
 *
 * @param layers      transformer layers
 * @param dim         embedding size
 * @param heads       attention heads
 * @param tokenDropout whether the embedding is rescaled by {@code 1 - 0.15*0.8} (true for the released models)
 * @param config      all {@code cfg["model"]} attributes, for the model card
 * @param weights     tensors in the order of {@code esm2.torchscript}
 * @param ignoredKeys checkpoint tensors not used for embeddings
 */
record Esm2Checkpoint(int layers, int dim, int heads, boolean tokenDropout, Map<String, Object> config,
                      List<HostTensor> weights, List<String> ignoredKeys) {

    static final int PER_LAYER = 17;

    static Esm2Checkpoint read(Path file) {
        if (java.nio.file.Files.isDirectory(file)) {
            return Esm2HfCheckpoint.read(file);
        }
        Object root = TorchCheckpoint.read(file, a -> a.with("argparse.Namespace", args -> new PyNamespace()));
        String name = file.getFileName().toString();
        Map<String, Object> cfg = config(root, name);
        int layers = intAttr(cfg, "encoder_layers", name);
        int dim = intAttr(cfg, "encoder_embed_dim", name);
        int heads = intAttr(cfg, "encoder_attention_heads", name);
        boolean dropout = !Boolean.FALSE.equals(cfg.get("token_dropout"));
        if (heads <= 0 || dim % heads != 0) {
            throw new CheckpointException(name + ": encoder_embed_dim " + dim + " is not a multiple of encoder_attention_heads " + heads);
        }
        StateDict sd = StateDict.of(root, name).renamed(Esm2Checkpoint::stripPrefix);
        int vocab = Esm2Alphabet.esm1b().size();
        List<HostTensor> w = new ArrayList<>();
        w.add(sd.get("embed_tokens.weight", vocab, dim));
        w.add(sd.get("emb_layer_norm_after.weight", dim));
        w.add(sd.get("emb_layer_norm_after.bias", dim));
        for (int i = 0; i < layers; i++) {
            String p = "layers." + i + ".";
            w.add(sd.get(p + "self_attn_layer_norm.weight", dim));
            w.add(sd.get(p + "self_attn_layer_norm.bias", dim));
            for (String proj : new String[] {"q_proj", "k_proj", "v_proj"}) {
                w.add(sd.get(p + "self_attn." + proj + ".weight", dim, dim));
                w.add(sd.get(p + "self_attn." + proj + ".bias", dim));
            }
            w.add(sd.get(p + "self_attn.rot_emb.inv_freq", dim / heads / 2));
            w.add(sd.get(p + "self_attn.out_proj.weight", dim, dim));
            w.add(sd.get(p + "self_attn.out_proj.bias", dim));
            w.add(sd.get(p + "final_layer_norm.weight", dim));
            w.add(sd.get(p + "final_layer_norm.bias", dim));
            w.add(sd.get(p + "fc1.weight", 4L * dim, dim));
            w.add(sd.get(p + "fc1.bias", 4L * dim));
            w.add(sd.get(p + "fc2.weight", dim, 4L * dim));
            w.add(sd.get(p + "fc2.bias", dim));
        }
        if (sd.contains("layers." + layers + ".fc1.weight")) {
            throw new CheckpointException(name + " has more layers than cfg.model.encoder_layers = " + layers
                    + " (found 'layers." + layers + ".fc1.weight'); config and weights do not belong together");
        }
        return new Esm2Checkpoint(layers, dim, heads, dropout, cfg, w, sd.unusedKeys());
    }

    /** {@code upgrade_state_dict}: removes the leading {@code encoder.sentence_encoder.} or {@code encoder.}. */
    static String stripPrefix(String key) {
        if (key.startsWith("encoder.sentence_encoder.")) {
            return key.substring("encoder.sentence_encoder.".length());
        }
        return key.startsWith("encoder.") ? key.substring("encoder.".length()) : key;
    }

    private static Map<String, Object> config(Object root, String name) {
        if (root instanceof Map<?, ?> m && m.get("cfg") instanceof Map<?, ?> cfg) {
            Object model = cfg.get("model");
            if (model instanceof PyNamespace ns) {
                return new LinkedHashMap<>(ns.attributes());
            }
            if (model instanceof Map<?, ?> mm) {
                Map<String, Object> out = new LinkedHashMap<>();
                mm.forEach((k, v) -> out.put(String.valueOf(k), v));
                return out;
            }
        }
        String keys = root instanceof Map<?, ?> m ? String.valueOf(m.keySet()) : String.valueOf(root);
        throw new CheckpointException(name + " is not an ESM-2 checkpoint: expected cfg['model'] with encoder_layers,"
                + " encoder_embed_dim and encoder_attention_heads (the layout of esm2_t*_UR50D.pt); found top-level keys "
                + keys + ". ESM-1/ESM-1b files (args instead of cfg) are not supported.");
    }

    private static int intAttr(Map<String, Object> cfg, String key, String name) {
        if (cfg.get(key) instanceof Number n) {
            return n.intValue();
        }
        throw new CheckpointException(name + ": cfg['model']." + key + " is missing or not a number (found "
                + cfg.get(key) + "); has " + cfg.keySet());
    }
}
