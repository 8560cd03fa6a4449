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
 */
public record ModelCard(String name, String kind, String directory, Map<String, Object> config, String checkpoint,
                        String checkpointSha256, int vocabSize, List<String> ignoredKeys, Map<String, Object> settings) {

    public ModelCard {
        config = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(config));
        ignoredKeys = List.copyOf(ignoredKeys);
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(kind).append(" model '").append(name).append("' from ").append(directory).append('\n');
        sb.append("  checkpoint: ").append(checkpoint).append(" sha256=").append(checkpointSha256).append('\n');
        sb.append("  vocabulary: ").append(vocabSize).append(" tokens\n");
        sb.append("  settings: ").append(settings).append('\n');
        sb.append("  ignored checkpoint keys (").append(ignoredKeys.size()).append("): ")
                .append(ignoredKeys.size() > 12 ? ignoredKeys.subList(0, 12) + " ..." : ignoredKeys);
        return sb.toString();
    }
}
