package org.scjava.models.scbert;

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
 * A scBERT checkpoint as {@code utils.py: save_ckpt / save_best_ckpt} write it ({@code panglao_pretrain.pth}: a dict
 * whose {@code model_state_dict} is a PerformerLM state dict). scBERT keeps no config file: {@code PerformerLM} is
 * built with fixed arguments in the scripts, so every size is read from the tensor shapes (see
 * src/test/resources/scbert/README.md) and checked for consistency, naming the key and both shapes on a mismatch.
 *
 * @param numTokens  expression classes incl. the mask token (7 = bin_num 5 + 2)
 * @param dim        model width (200)
 * @param depth      Performer layers (6)
 * @param heads      attention heads (10)
 * @param dimHead    width per head (64)
 * @param features   random features per head (266)
 * @param seqLen     genes + 1 (16,907)
 * @param head       0: none, 1: pretraining head (per-gene class logits), 2: predict.py classifier
 * @param classes    classifier outputs (head 2), else 0
 * @param weights    tensors in the order of {@code scbert.torchscript}
 * @param ignoredKeys checkpoint tensors the forward pass does not use
 */
record ScBertCheckpoint(int numTokens, int dim, int depth, int heads, int dimHead, int features, int seqLen, int head,
                        int classes, List<HostTensor> weights, HostTensor gene2vec, List<String> ignoredKeys) {

    static ScBertCheckpoint read(Path file) {
        String name = file.getFileName().toString();
        StateDict sd = StateDict.of(TorchCheckpoint.read(file), name)
                .renamed(k -> k.startsWith("module.") ? k.substring("module.".length()) : k);
        if (!sd.contains("token_emb.weight") || !sd.contains("performer.net.layers.0.0.norm.weight")) {
            throw new CheckpointException(name + " is not a scBERT (PerformerLM) checkpoint: no 'token_emb.weight' /"
                    + " 'performer.net.layers.0.0.norm.weight' in its model_state_dict; it has " + sd.keys().size()
                    + " tensors, e.g. " + sd.keys().stream().limit(5).toList());
        }
        HostTensor tok = sd.get("token_emb.weight");
        int numTokens = (int) tok.dim(0);
        int dim = (int) tok.dim(1);
        HostTensor pos = sd.get("pos_emb.emb.weight");
        int seqLen = (int) pos.dim(0);
        sd.get("pos_emb.emb.weight", seqLen, dim);
        String l0 = "performer.net.layers.0.";
        HostTensor proj0 = sd.get(l0 + "0.fn.fast_attention.projection_matrix");
        int features = (int) proj0.dim(0);
        int dimHead = (int) proj0.dim(1);
        int inner = (int) sd.get(l0 + "0.fn.to_q.weight").dim(0);
        if (inner % dimHead != 0) {
            throw new CheckpointException(name + ": to_q has " + inner + " outputs, not a multiple of the projection's"
                    + " head width " + dimHead);
        }
        int ff = (int) sd.get(l0 + "1.fn.fn.w1.weight").dim(0);
        int depth = 0;
        while (sd.contains("performer.net.layers." + depth + ".0.norm.weight")) {
            depth++;
        }
        List<HostTensor> w = new ArrayList<>(List.of(tok, pos, sd.get("norm.weight", dim), sd.get("norm.bias", dim)));
        for (int i = 0; i < depth; i++) {
            layer(sd, "performer.net.layers." + i + ".", dim, inner, dimHead, features, ff, w);
        }
        int head = 0;
        int classes = 0;
        if (sd.contains("to_out.weight")) {
            head = 1;
            w.add(sd.get("to_out.weight", numTokens, dim));
            w.add(sd.get("to_out.bias", numTokens));
        } else if (sd.contains("to_out.conv1.weight")) {
            head = 2;
            w.add(sd.get("to_out.conv1.weight", 1, 1, 1, dim));
            w.add(sd.get("to_out.conv1.bias", 1));
            int h1 = (int) sd.get("to_out.fc1.weight").dim(0);
            w.add(sd.get("to_out.fc1.weight", h1, seqLen));
            w.add(sd.get("to_out.fc1.bias", h1));
            int h2 = (int) sd.get("to_out.fc2.weight").dim(0);
            w.add(sd.get("to_out.fc2.weight", h2, h1));
            w.add(sd.get("to_out.fc2.bias", h2));
            classes = (int) sd.get("to_out.fc3.weight").dim(0);
            w.add(sd.get("to_out.fc3.weight", classes, h2));
            w.add(sd.get("to_out.fc3.bias", classes));
        }
        return new ScBertCheckpoint(numTokens, dim, depth, inner / dimHead, dimHead, features, seqLen, head, classes,
                w, pos, sd.unusedKeys());
    }

    private static void layer(StateDict sd, String p, int dim, int inner, int dimHead, int features, int ff,
                              List<HostTensor> w) {
        w.add(sd.get(p + "0.norm.weight", dim));
        w.add(sd.get(p + "0.norm.bias", dim));
        w.add(sd.get(p + "0.fn.fast_attention.projection_matrix", features, dimHead));
        for (String m : new String[] {"to_q", "to_k", "to_v"}) {
            w.add(sd.get(p + "0.fn." + m + ".weight", inner, dim));
            String bias = p + "0.fn." + m + ".bias";
            w.add(sd.contains(bias) ? sd.get(bias, inner) : HostTensor.ofFloats(new long[] {inner}, new float[inner]));
        }
        w.add(sd.get(p + "0.fn.to_out.weight", dim, inner));
        w.add(sd.get(p + "0.fn.to_out.bias", dim));
        w.add(sd.get(p + "1.norm.weight", dim));
        w.add(sd.get(p + "1.norm.bias", dim));
        w.add(sd.get(p + "1.fn.fn.w1.weight", ff, dim));
        w.add(sd.get(p + "1.fn.fn.w1.bias", ff));
        w.add(sd.get(p + "1.fn.fn.w2.weight", dim, ff));
        w.add(sd.get(p + "1.fn.fn.w2.bias", dim));
    }

    /** The sizes, for the model card. */
    Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("num_tokens", numTokens);
        c.put("bin_num", numTokens - 2);
        c.put("dim", dim);
        c.put("depth", depth);
        c.put("heads", heads);
        c.put("dim_head", dimHead);
        c.put("nb_features", features);
        c.put("max_seq_len", seqLen);
        c.put("head", head == 1 ? "pretraining (to_out Linear)" : head == 2 ? "classifier (predict.py Identity)" : "none");
        return c;
    }
}
