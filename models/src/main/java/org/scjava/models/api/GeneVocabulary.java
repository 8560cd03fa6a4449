package org.scjava.models.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model's token table: gene identifier (scGPT: symbol, Geneformer: Ensembl ID) or special token ↔ token id.
 * Ids need not be contiguous; {@link #size()} is the embedding table's row count.
 */
public final class GeneVocabulary {

    private final Map<String, Integer> ids;
    private final String[] tokens;

    public GeneVocabulary(Map<String, Integer> ids) {
        this.ids = Collections.unmodifiableMap(new LinkedHashMap<>(ids));
        int max = ids.values().stream().mapToInt(Integer::intValue).max().orElse(-1);
        this.tokens = new String[max + 1];
        ids.forEach((k, v) -> {
            if (v < 0) {
                throw new IllegalArgumentException("negative token id " + v + " for '" + k + "'");
            }
            tokens[v] = k;
        });
    }

    /** The id of {@code token}, or -1. */
    public int id(String token) {
        Integer i = ids.get(token);
        return i == null ? -1 : i;
    }

    /** The token with id {@code id}, or null. */
    public String token(int id) {
        return id >= 0 && id < tokens.length ? tokens[id] : null;
    }

    public boolean contains(String token) {
        return ids.containsKey(token);
    }

    /** Highest id + 1. */
    public int size() {
        return tokens.length;
    }

    public Map<String, Integer> asMap() {
        return ids;
    }
}
