package org.scjava.models.geneformer;

import org.scjava.models.api.CheckpointException;
import org.scjava.models.io.HostTensor;
import org.scjava.models.io.StateDict;
import org.scjava.models.runtime.EncoderWeights;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps a HF BERT state dict ({@code BertForMaskedLM} with the {@code bert.} prefix, or a bare {@code BertModel}) onto
 * the encoder runtime: word/position/token-type embeddings and their LayerNorm, and per layer the separate
 * query/key/value projections concatenated into one [3d, d] projection (rows q|k|v, as the runtime expects). Old
 * {@code LayerNorm.gamma/beta} names are accepted (HF renames them the same way). The MLM head, position ids and
 * pooler are not used and are listed as ignored.
 */
final class GeneformerCheckpoint {

    private GeneformerCheckpoint() {
    }

    record Loaded(EncoderWeights weights, List<String> ignoredKeys, String prefix) {
    }

    static String modernName(String key) {
        return key.replace("LayerNorm.gamma", "LayerNorm.weight").replace("LayerNorm.beta", "LayerNorm.bias");
    }

    static Loaded load(StateDict raw, GeneformerConfig cfg) {
        StateDict sd = raw.renamed(GeneformerCheckpoint::modernName);
        String p = sd.contains("bert.embeddings.word_embeddings.weight") ? "bert." : "";
        long d = cfg.hiddenSize();
        long f = cfg.intermediateSize();
        HostTensor word = sd.get(p + "embeddings.word_embeddings.weight");
        if (word.rank() != 2 || word.dim(0) != cfg.vocabSize() || word.dim(1) != d) {
            throw new CheckpointException(sd.source() + ": tensor '" + p + "embeddings.word_embeddings.weight' has shape "
                    + word.shapeString() + " but config.json (vocab_size, hidden_size) gives [" + cfg.vocabSize() + ", " + d
                    + "] — config and checkpoint do not belong together");
        }
        HostTensor types = sd.get(p + "embeddings.token_type_embeddings.weight", cfg.typeVocabSize(), d);
        List<HostTensor> inputs = List.of(word,
                sd.get(p + "embeddings.position_embeddings.weight", cfg.maxPositions(), d),
                firstRow(types),
                sd.get(p + "embeddings.LayerNorm.weight", d), sd.get(p + "embeddings.LayerNorm.bias", d));
        List<HostTensor> layers = new ArrayList<>();
        for (int i = 0; i < cfg.numLayers(); i++) {
            String l = p + "encoder.layer." + i + ".";
            String a = l + "attention.";
            layers.add(concatRows(sd.get(a + "self.query.weight", d, d), sd.get(a + "self.key.weight", d, d),
                    sd.get(a + "self.value.weight", d, d)));
            layers.add(concatRows(sd.get(a + "self.query.bias", d), sd.get(a + "self.key.bias", d),
                    sd.get(a + "self.value.bias", d)));
            layers.addAll(List.of(sd.get(a + "output.dense.weight", d, d), sd.get(a + "output.dense.bias", d),
                    sd.get(a + "output.LayerNorm.weight", d), sd.get(a + "output.LayerNorm.bias", d),
                    sd.get(l + "intermediate.dense.weight", f, d), sd.get(l + "intermediate.dense.bias", f),
                    sd.get(l + "output.dense.weight", d, f), sd.get(l + "output.dense.bias", d),
                    sd.get(l + "output.LayerNorm.weight", d), sd.get(l + "output.LayerNorm.bias", d)));
        }
        String extra = p + "encoder.layer." + cfg.numLayers() + ".output.dense.weight";
        if (sd.contains(extra)) {
            throw new CheckpointException(sd.source() + " has more layers than config.json's num_hidden_layers="
                    + cfg.numLayers() + " (found '" + extra + "')");
        }
        return new Loaded(new EncoderWeights(inputs, layers), sd.unusedKeys(), p);
    }

    /** Row 0 of the token-type table: Geneformer never sets token types, so every token adds type 0. */
    private static HostTensor firstRow(HostTensor t) {
        float[] all = t.toFloatArray();
        return HostTensor.ofFloats(new long[] {t.dim(1)}, java.util.Arrays.copyOf(all, (int) t.dim(1)));
    }

    private static HostTensor concatRows(HostTensor... parts) {
        long rows = 0;
        int n = 0;
        for (HostTensor t : parts) {
            rows += t.dim(0);
            n += (int) t.numel();
        }
        float[] all = new float[n];
        int at = 0;
        for (HostTensor t : parts) {
            float[] v = t.toFloatArray();
            System.arraycopy(v, 0, all, at, v.length);
            at += v.length;
        }
        long[] shape = parts[0].shape();
        shape[0] = rows;
        return HostTensor.ofFloats(shape, all);
    }
}
