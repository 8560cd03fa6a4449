package org.scjava.models.scfoundation;

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
 * One model of scFoundation's {@code models.ckpt}, read as {@code model/load.py: load_model_frommmf(path, key)} reads
 * it: the file maps {@code 'gene'}, {@code 'cell'} and {@code 'rde'} to PyTorch Lightning checkpoints; {@code
 * convertconfig} merges {@code config['model_config'][config['model']]} and {@code config['dataset_config']['rnaseq']}
 * and strips the {@code model.} prefix of the state-dict keys. The encoder path (token embedding, positional
 * embedding, transformer encoder) is checked against the merged config — key and both shapes on a mismatch — and the
 * decoder tensors are listed as ignored.
 *
 * @param key         which model of the file ({@code cell}, {@code rde} or {@code gene})
 * @param dim         encoder width (768)
 * @param heads       encoder heads (12)
 * @param depth       encoder layers (12)
 * @param seqLen      genes + 2 (19,266)
 * @param binAlpha    {@code bin_alpha} of the auto-discretisation
 * @param padId       {@code pad_token_id} (103)
 * @param maskId      {@code mask_token_id} (102)
 * @param config      the merged config, for the model card
 * @param weights     tensors in the order of {@code scfoundation.torchscript}
 * @param ignoredKeys state-dict keys the cell-embedding path does not use
 */
record ScFoundationCheckpoint(String key, int dim, int heads, int depth, int seqLen, double binAlpha, double padId,
                              double maskId, Map<String, Object> config, List<HostTensor> weights,
                              List<String> ignoredKeys, Decoder decoder) {

    /**
     * The Performer decoder (loaded for gene outputs only): width, heads, head width, random features per head;
     * its tensors follow the encoder's in {@link #weights}.
     */
    record Decoder(int dim, int heads, int dimHead, int features) {
    }

    static ScFoundationCheckpoint read(Path file, String key) {
        return read(file, key, false);
    }

    /** {@code withDecoder}: also map the decoder tensors (for {@code --output_type gene}). */
    static ScFoundationCheckpoint read(Path file, String key, boolean withDecoder) {
        String name = file.getFileName().toString();
        Object root = TorchCheckpoint.read(file);
        Map<?, ?> entry = entry(root, key, name);
        Map<String, Object> cfg = mergedConfig(entry, name + "['" + key + "']");
        if (!"mae_autobin".equals(cfg.get("model"))) {
            throw new CheckpointException(name + "['" + key + "']: model '" + cfg.get("model") + "' is not supported;"
                    + " scjava reads scFoundation's mae_autobin models");
        }
        Map<?, ?> enc = map(cfg.get("encoder"), "encoder", name);
        if (!"transformer".equals(enc.get("module_type"))) {
            throw new CheckpointException(name + "['" + key + "']: encoder module_type '" + enc.get("module_type")
                    + "' is not supported (the released models use 'transformer')");
        }
        int dim = num(enc, "hidden_dim", name).intValue();
        int heads = num(enc, "heads", name).intValue();
        int depth = num(enc, "depth", name).intValue();
        int seqLen = num(cfg, "seq_len", name).intValue();
        int bins = num(cfg, "bin_num", name).intValue();
        StateDict sd = new StateDict(name + "['" + key + "']", tensors(entry.get("state_dict"), name))
                .renamed(k -> k.contains("model.") ? k.substring(k.indexOf("model.") + "model.".length()) : k);
        List<HostTensor> w = new ArrayList<>();
        w.add(sd.get("token_emb.mlp.weight", bins, 1));
        w.add(sd.get("token_emb.mlp.bias", bins));
        w.add(sd.get("token_emb.mlp2.weight", bins, bins));
        w.add(sd.get("token_emb.mlp2.bias", bins));
        w.add(sd.get("token_emb.emb.weight", bins, dim));
        w.add(sd.get("token_emb.emb_mask.weight", 1, dim));
        w.add(sd.get("token_emb.emb_pad.weight", 1, dim));
        w.add(sd.get("pos_emb.weight", seqLen + 1, dim));
        w.add(sd.get("encoder.norm.weight", dim));
        w.add(sd.get("encoder.norm.bias", dim));
        for (int i = 0; i < depth; i++) {
            String p = "encoder.transformer_encoder." + i + ".";
            w.add(sd.get(p + "self_attn.in_proj_weight", 3L * dim, dim));
            w.add(sd.get(p + "self_attn.in_proj_bias", 3L * dim));
            w.add(sd.get(p + "self_attn.out_proj.weight", dim, dim));
            w.add(sd.get(p + "self_attn.out_proj.bias", dim));
            w.add(sd.get(p + "norm1.weight", dim));
            w.add(sd.get(p + "norm1.bias", dim));
            w.add(sd.get(p + "linear1.weight", 4L * dim, dim));
            w.add(sd.get(p + "linear1.bias", 4L * dim));
            w.add(sd.get(p + "linear2.weight", dim, 4L * dim));
            w.add(sd.get(p + "linear2.bias", dim));
            w.add(sd.get(p + "norm2.weight", dim));
            w.add(sd.get(p + "norm2.bias", dim));
        }
        if (sd.contains("encoder.transformer_encoder." + depth + ".norm1.weight")) {
            throw new CheckpointException(sd.source() + " has more encoder layers than encoder.depth = " + depth);
        }
        Decoder dec = withDecoder ? decoder(sd, map(cfg.get("decoder"), "decoder", name), dim, w, name) : null;
        return new ScFoundationCheckpoint(key, dim, heads, depth, seqLen, num(cfg, "bin_alpha", name).doubleValue(),
                num(cfg, "pad_token_id", name).doubleValue(), num(cfg, "mask_token_id", name).doubleValue(), cfg, w,
                sd.unusedKeys(), dec);
    }

    /** decoder_embed, the two norms and the Performer layers (qkv biases), appended to {@code w}. */
    private static Decoder decoder(StateDict sd, Map<?, ?> cfg, int encDim, List<HostTensor> w, String name) {
        if (!"performer".equals(cfg.get("module_type"))) {
            throw new CheckpointException(name + ": decoder module_type '" + cfg.get("module_type") + "' is not supported"
                    + " (the released models use 'performer')");
        }
        int dd = num(cfg, "hidden_dim", name).intValue();
        int heads = num(cfg, "heads", name).intValue();
        int dh = num(cfg, "dim_head", name).intValue();
        int depth = num(cfg, "depth", name).intValue();
        int inner = heads * dh;
        w.add(sd.get("decoder_embed.weight", dd, encDim));
        w.add(sd.get("decoder_embed.bias", dd));
        w.add(sd.get("decoder.norm.weight", dd));
        w.add(sd.get("decoder.norm.bias", dd));
        w.add(sd.get("norm.weight", dd));
        w.add(sd.get("norm.bias", dd));
        int features = (int) sd.get("decoder.performer.net.layers.0.0.fn.fast_attention.projection_matrix").dim(0);
        for (int i = 0; i < depth; i++) {
            String p = "decoder.performer.net.layers." + i + ".";
            w.add(sd.get(p + "0.norm.weight", dd));
            w.add(sd.get(p + "0.norm.bias", dd));
            w.add(sd.get(p + "0.fn.fast_attention.projection_matrix", features, dh));
            for (String m : new String[] {"to_q", "to_k", "to_v"}) {
                w.add(sd.get(p + "0.fn." + m + ".weight", inner, dd));
                w.add(sd.get(p + "0.fn." + m + ".bias", inner));
            }
            w.add(sd.get(p + "0.fn.to_out.weight", dd, inner));
            w.add(sd.get(p + "0.fn.to_out.bias", dd));
            w.add(sd.get(p + "1.norm.weight", dd));
            w.add(sd.get(p + "1.norm.bias", dd));
            w.add(sd.get(p + "1.fn.fn.w1.weight", 4L * dd, dd));
            w.add(sd.get(p + "1.fn.fn.w1.bias", 4L * dd));
            w.add(sd.get(p + "1.fn.fn.w2.weight", dd, 4L * dd));
            w.add(sd.get(p + "1.fn.fn.w2.bias", dd));
        }
        return new Decoder(dd, heads, dh, features);
    }

    private static Map<?, ?> entry(Object root, String key, String name) {
        if (root instanceof Map<?, ?> m) {
            if (m.get(key) instanceof Map<?, ?> e) {
                return e;
            }
            if (m.containsKey("state_dict") && m.containsKey("config")) {
                return m;   // a single Lightning checkpoint
            }
            throw new CheckpointException(name + " has no model '" + key + "' (it holds " + m.keySet() + "); scFoundation's"
                    + " models.ckpt maps 'cell', 'rde' and 'gene' to checkpoints (get_embedding.py --version ce/rde)");
        }
        throw new CheckpointException(name + " is not scFoundation's models.ckpt (a dictionary of Lightning checkpoints)");
    }

    /** {@code convertconfig}: model_config[model] then dataset_config['rnaseq'], later keys winning. */
    private static Map<String, Object> mergedConfig(Map<?, ?> entry, String where) {
        Map<?, ?> config = map(entry.get("config"), "config", where);
        Object model = config.get("model");
        Map<?, ?> modelConfig = map(map(config.get("model_config"), "config['model_config']", where).get(model),
                "config['model_config']['" + model + "']", where);
        Map<?, ?> rnaseq = map(map(config.get("dataset_config"), "config['dataset_config']", where).get("rnaseq"),
                "config['dataset_config']['rnaseq']", where);
        Map<String, Object> out = new LinkedHashMap<>();
        modelConfig.forEach((k, v) -> out.put(String.valueOf(k), v));
        rnaseq.forEach((k, v) -> out.put(String.valueOf(k), v));
        out.putIfAbsent("model", model);
        return out;
    }

    private static Map<String, HostTensor> tensors(Object sd, String name) {
        if (!(sd instanceof Map<?, ?> m)) {
            throw new CheckpointException(name + ": the Lightning checkpoint has no 'state_dict'");
        }
        Map<String, HostTensor> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (v instanceof HostTensor t) {
                out.put(String.valueOf(k), t);
            }
        });
        return out;
    }

    private static Map<?, ?> map(Object o, String what, String where) {
        if (o instanceof Map<?, ?> m) {
            return m;
        }
        throw new CheckpointException(where + ": " + what + " is missing or not a dictionary (found " + o + ")");
    }

    private static Number num(Map<?, ?> m, String key, String where) {
        if (m.get(key) instanceof Number n) {
            return n;
        }
        throw new CheckpointException(where + ": config value '" + key + "' is missing or not a number (found "
                + m.get(key) + ")");
    }
}
