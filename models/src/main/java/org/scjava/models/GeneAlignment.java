package org.scjava.models;

import org.scjava.dsl.api.GeneMatch;
import org.scjava.dsl.core.AtlasData;
import org.scjava.models.api.GeneVocabulary;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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

    /** A fixed-list model's view of an Atlas: the counts, each model gene's data column (-1 = missing), the match. */
    public record Aligned(AtlasInput.Counts counts, int[] columns, GeneMatch match) {
    }

    /**
     * Aligns {@code atlas} (counts layer and gene column from {@code options}) to {@code modelGenes}, whose
     * vocabulary is {@code vocab}; {@code expected} says which gene identifiers the model wants, for the match.
     */
    public static Aligned align(AtlasData atlas, ModelOptions options, List<String> modelGenes, GeneVocabulary vocab,
                                String expected) {
        AtlasInput.Counts counts = AtlasInput.counts(atlas, options.countsLayer());
        AtlasInput.GeneKey key = AtlasInput.geneKey(atlas, options.geneColumn(), vocab::contains);
        GeneMatch match = match(key, counts, vocab.asMap().keySet(), expected);
        return new Aligned(counts, firstColumns(modelGenes, key.ids()), match);
    }

    /** The vocabulary of a fixed gene list: each gene's first position in the list. */
    public static GeneVocabulary vocabulary(List<String> modelGenes) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (int i = 0; i < modelGenes.size(); i++) {
            ids.putIfAbsent(modelGenes.get(i), i);
        }
        return new GeneVocabulary(ids);
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
}
