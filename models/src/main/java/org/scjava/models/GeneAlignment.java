package org.scjava.models;

import org.scjava.dsl.tasks.GeneMatch;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Aligns data genes to a model's fixed gene list, as models with one input position per gene do (scBERT's
 * {@code preprocess.py} and scFoundation's {@code main_gene_selection}): each model gene takes the first data column
 * with the same symbol; model genes missing from the data stay empty.
 */
public final class GeneAlignment {

    private GeneAlignment() {
    }

    /** For each of {@code modelGenes}, the first column of {@code dataGenes} with that identifier, or -1. */
    public static int[] firstColumns(List<String> modelGenes, String[] dataGenes) {
        Map<String, Integer> first = new HashMap<>();
        for (int j = 0; j < dataGenes.length; j++) {
            if (dataGenes[j] != null) {
                first.putIfAbsent(dataGenes[j], j);
            }
        }
        int[] out = new int[modelGenes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = first.getOrDefault(modelGenes.get(i), -1);
        }
        return out;
    }

    /** The gene match of a fixed-list model: distinct data genes the list contains, out of all data genes. */
    public static GeneMatch match(AtlasInput.GeneKey key, AtlasInput.Counts counts, Set<String> modelGenes, String expected) {
        Set<String> seen = new HashSet<>();
        int matched = 0;
        for (String g : key.ids()) {
            if (g != null && modelGenes.contains(g) && seen.add(g)) {
                matched++;
            }
        }
        return new GeneMatch(matched, key.ids().length, key.source() + ", counts from " + counts.source(), expected);
    }

    /** The provenance entries every model handle records (checkpoint, vocabulary, device, engine, settings). */
    public static Map<String, Object> provenance(org.scjava.models.api.ModelCard card, ModelOptions options,
                                                 String device, String engine, int batchSize) {
        Map<String, Object> p = new java.util.LinkedHashMap<>();
        p.put("model", card.name());
        p.put("kind", card.kind());
        p.put("checkpoint", card.directory() + "/" + card.checkpoint());
        p.put("checkpoint_sha256", card.checkpointSha256());
        p.put("vocab_size", card.vocabSize());
        p.put("seed", options.seed());
        p.put("device", device);
        p.put("batch_size", batchSize);
        p.put("engine", engine);
        p.putAll(card.settings());
        return p;
    }
}
