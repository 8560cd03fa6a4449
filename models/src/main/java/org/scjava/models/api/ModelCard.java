package org.scjava.models.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a model handle was loaded from, for display and provenance.
 *
 * @param name             short key ("scgpt")
 * @param kind             registry kind ("scgpt", "geneformer", "torchscript")
 * @param directory        model directory or file as given
 * @param config           the model's configuration as read (args.json / config.json keys)
 * @param checkpoint       weights file name
 * @param checkpointSha256 sha256 of the weights file
 * @param vocabSize        tokens in the vocabulary (= embedding rows)
 * @param ignoredKeys      checkpoint tensors the embedding path does not use (decoders, tied copies, buffers)
 * @param settings         embedding settings in effect (layer, pooling, maximum length, ...)
 * @param checkpointIdentity which release the weights are, from the known-checkpoint registry ("official Geneformer
 *                         V1 gf-6L-30M-i2048", or "unrecognised checkpoint (sha256 …)"); empty until identified
 */
public record ModelCard(String name, String kind, String directory, Map<String, Object> config, String checkpoint,
                        String checkpointSha256, int vocabSize, List<String> ignoredKeys, Map<String, Object> settings,
                        String checkpointIdentity) {

    public ModelCard {
        config = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(config));
        ignoredKeys = List.copyOf(ignoredKeys);
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        checkpointIdentity = checkpointIdentity == null ? "" : checkpointIdentity;
    }

    /** A card not yet identified against the known-checkpoint registry. */
    public ModelCard(String name, String kind, String directory, Map<String, Object> config, String checkpoint,
                     String checkpointSha256, int vocabSize, List<String> ignoredKeys, Map<String, Object> settings) {
        this(name, kind, directory, config, checkpoint, checkpointSha256, vocabSize, ignoredKeys, settings, "");
    }

    /** This card with {@code identity} as its {@link #checkpointIdentity()}. */
    public ModelCard withIdentity(String identity) {
        return new ModelCard(name, kind, directory, config, checkpoint, checkpointSha256, vocabSize, ignoredKeys,
                settings, identity);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(kind).append(" model '").append(name).append("' from ").append(directory).append('\n');
        sb.append("  checkpoint: ").append(checkpoint).append(" sha256=").append(checkpointSha256).append('\n');
        if (!checkpointIdentity.isEmpty()) {
            sb.append("  identity: ").append(checkpointIdentity).append('\n');
        }
        sb.append("  vocabulary: ").append(vocabSize).append(" tokens\n");
        sb.append("  settings: ").append(settings).append('\n');
        sb.append("  ignored checkpoint keys (").append(ignoredKeys.size()).append("): ")
                .append(ignoredKeys.size() > 12 ? ignoredKeys.subList(0, 12) + " ..." : ignoredKeys);
        return sb.toString();
    }
}
