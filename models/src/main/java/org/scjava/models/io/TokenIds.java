package org.scjava.models.io;

import org.scjava.models.api.CheckpointException;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks a token table read from a vocabulary file ({@code vocab.json}, a pickled token dictionary) before a
 * {@link org.scjava.models.api.GeneVocabulary} is built from it: every id a whole number in {@code [0, MAX_ID]} and no
 * id given to two tokens (two genes sharing one embedding row would silently alias them).
 */
public final class TokenIds {

    /** Embedding tables have at most this many rows (the table is sized by the largest id). */
    public static final int MAX_ID = (1 << 24) - 1;

    private TokenIds() {
    }

    /** {@code raw} (token → number) as token → id, in file order; {@code source} names the file in errors. */
    public static Map<String, Integer> checked(Map<?, ?> raw, String source) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        Map<Integer, String> owner = new HashMap<>();
        for (var e : raw.entrySet()) {
            if (!(e.getKey() instanceof String token)) {
                throw new CheckpointException(source + ": a token is " + PickleValues.describe(e.getKey())
                        + ", expected a string");
            }
            int id = id(e.getValue(), token, source);
            String before = owner.putIfAbsent(id, token);
            if (before != null) {
                throw new CheckpointException(source + ": tokens '" + before + "' and '" + token + "' both have id " + id
                        + "; every token needs its own id");
            }
            ids.put(token, id);
        }
        return ids;
    }

    private static int id(Object v, String token, String source) {
        double d = v instanceof Number n ? n.doubleValue() : Double.NaN;
        boolean integral = v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
                || v instanceof java.math.BigInteger || (v instanceof Double || v instanceof Float) && d == Math.rint(d);
        if (!integral || !(d >= 0 && d <= MAX_ID)) {
            throw new CheckpointException(source + ": the id of '" + token + "' is " + PickleValues.describe(v)
                    + "; ids are whole numbers from 0 to " + MAX_ID);
        }
        return (int) d;
    }
}
