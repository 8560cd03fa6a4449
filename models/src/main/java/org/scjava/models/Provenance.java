package org.scjava.models;

import org.scjava.models.api.ModelCard;
import org.scjava.models.runtime.Precision;

import java.util.LinkedHashMap;
import java.util.Map;

/** The provenance entries every model kind reports (see {@code CellEmbedder.provenance()}), in one place. */
public final class Provenance {

    private Provenance() {
    }

    /** Model, kind, checkpoint path and sha256, vocabulary size, seed, device, batch size, engine, then settings. */
    public static Map<String, Object> of(ModelCard card, ModelOptions options, String device, String engine) {
        return of(card, options, device, engine, options.batchSize());
    }

    /**
     * As {@link #of(ModelCard, ModelOptions, String, String)}, with the batch size the model really runs (scBERT caps
     * the cells per batch by its memory budget). The checkpoint entry is the directory alone when the card's
     * directory is the checkpoint file itself (ESM-2, TorchScript), else directory/file.
     */
    public static Map<String, Object> of(ModelCard card, ModelOptions options, String device, String engine,
                                         int batchSize) {
        return of(card, options, device, engine, batchSize, options.precision());
    }

    /**
     * As above, with the precision the runtime really computes in. Records {@code device} (where the model runs),
     * {@code device_requested} when that differs from the options (a GPU request that fell back to the CPU) and
     * {@code precision} ("fp32", "fp16", "bf16").
     */
    public static Map<String, Object> of(ModelCard card, ModelOptions options, String device, String engine,
                                         int batchSize, Precision precision) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("model", card.name());
        p.put("kind", card.kind());
        p.put("checkpoint", card.checkpoint().equals(java.nio.file.Path.of(card.directory()).getFileName().toString())
                ? card.directory() : card.directory() + "/" + card.checkpoint());
        p.put("checkpoint_sha256", card.checkpointSha256());
        p.put("checkpoint_identity", card.checkpointIdentity());
        p.put("vocab_size", card.vocabSize());
        p.put("seed", options.seed());
        p.put("device", device);
        if (!device.startsWith(options.device().key())) {
            p.put("device_requested", options.device().key());
        }
        p.put("precision", precision.key());
        p.put("batch_size", batchSize);
        p.put("engine", engine);
        p.putAll(card.settings());
        return p;
    }
}
