package org.scjava.models.scgpt;

import org.scjava.models.api.CheckpointException;
import org.scjava.models.io.HostTensor;
import org.scjava.models.io.StateDict;
import org.scjava.models.runtime.EncoderWeights;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps a scGPT {@code best_model.pt} state dict onto the encoder runtime. Accepts both naming schemes: the public
 * checkpoints' flash-attention names ({@code self_attn.Wqkv.*}, {@code self_attn._impl.*}) and torch
 * {@code nn.TransformerEncoderLayer} names ({@code self_attn.in_proj_*}); the tensors are identical (rows q|k|v), as
 * scGPT's {@code load_pretrained} renaming shows. Unlike that function (non-strict, silently skipping mismatched
 * shapes), every tensor the embedding path needs must be present with the configured shape; the rest (decoders,
 * {@code flag_encoder}, ...) is listed as ignored.
 */
final class ScGptCheckpoint {

    private static final String[][] RENAMES = {
        {"self_attn._impl.Wqkv.", "self_attn.in_proj_"},
        {"self_attn.Wqkv.", "self_attn.in_proj_"},
        {"self_attn._impl.out_proj.", "self_attn.out_proj."},
    };

    private ScGptCheckpoint() {
    }

    /** Torch-style names for a flash-attention key (identity for other keys). */
    static String torchName(String key) {
        String k = key;
        for (String[] r : RENAMES) {
            k = k.replace(r[0], r[1]);
        }
        return k;
    }

    /** Encoder weights plus the checkpoint keys the embedding path does not use. */
    record Loaded(EncoderWeights weights, List<String> ignoredKeys) {
    }

    static Loaded load(StateDict raw, ScGptConfig cfg, int vocabSize) {
        StateDict sd = raw.renamed(ScGptCheckpoint::torchName);
        long d = cfg.embsize();
        HostTensor emb = sd.get("encoder.embedding.weight");
        if (emb.rank() != 2 || emb.dim(1) != d || emb.dim(0) != vocabSize) {
            throw new CheckpointException(sd.source() + ": tensor 'encoder.embedding.weight' has shape " + emb.shapeString()
                    + " but vocab.json (with <pad>/<cls>/<eoc>) and args.json embsize give [" + vocabSize + ", " + d
                    + "] — vocabulary and checkpoint do not belong together");
        }
        List<HostTensor> inputs = List.of(emb,
                sd.get("encoder.enc_norm.weight", d), sd.get("encoder.enc_norm.bias", d),
                sd.get("value_encoder.linear1.weight", d, 1), sd.get("value_encoder.linear1.bias", d),
                sd.get("value_encoder.linear2.weight", d, d), sd.get("value_encoder.linear2.bias", d),
                sd.get("value_encoder.norm.weight", d), sd.get("value_encoder.norm.bias", d));
        List<HostTensor> layers = new ArrayList<>();
        long f = cfg.dHid();
        for (int i = 0; i < cfg.nlayers(); i++) {
            String p = "transformer_encoder.layers." + i + ".";
            layers.addAll(List.of(
                    sd.get(p + "self_attn.in_proj_weight", 3 * d, d), sd.get(p + "self_attn.in_proj_bias", 3 * d),
                    sd.get(p + "self_attn.out_proj.weight", d, d), sd.get(p + "self_attn.out_proj.bias", d),
                    sd.get(p + "norm1.weight", d), sd.get(p + "norm1.bias", d),
                    sd.get(p + "linear1.weight", f, d), sd.get(p + "linear1.bias", f),
                    sd.get(p + "linear2.weight", d, f), sd.get(p + "linear2.bias", d),
                    sd.get(p + "norm2.weight", d), sd.get(p + "norm2.bias", d)));
        }
        String extra = "transformer_encoder.layers." + cfg.nlayers() + ".norm1.weight";
        if (sd.contains(extra)) {
            throw new CheckpointException(sd.source() + " has more encoder layers than args.json's nlayers="
                    + cfg.nlayers() + " (found '" + extra + "') — config and checkpoint do not belong together");
        }
        return new Loaded(new EncoderWeights(inputs, layers), sd.unusedKeys());
    }
}
