package org.scjava.models.io;

import org.scjava.models.api.CheckpointException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads pickled {@code dict}s of the kind model vocabularies ship as (Geneformer's {@code token_dictionary.pkl},
 * {@code gene_median_dictionary.pkl}, {@code gene_name_id_dict.pkl}, {@code ensembl_mapping_dict.pkl}) with the
 * {@link SafeUnpickler}: containers and numpy scalars only.
 */
public final class PickledDictionaries {

    private PickledDictionaries() {
    }

    /** A {@code str → int} dictionary (values may be Python ints or numpy integer scalars). */
    public static Map<String, Integer> readStringToInt(Path file) {
        Map<?, ?> raw = readDict(file);
        raw.forEach((k, v) -> {
            if (!(v instanceof Number) || v instanceof Double || v instanceof Float) {
                throw new CheckpointException(file.getFileName() + ": value of " + PickleValues.describe(k) + " is "
                        + describe(v) + ", expected an integer");
            }
        });
        return TokenIds.checked(raw, file.getFileName().toString());
    }

    /**
     * A {@code str → float} dictionary of positive finite values (Geneformer's gene medians, which the tokenizer
     * divides by: a zero, negative or NaN median would corrupt every cell's ranking).
     */
    public static Map<String, Double> readStringToPositive(Path file) {
        Map<String, Double> out = readStringToDouble(file);
        out.forEach((k, v) -> {
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new CheckpointException(file.getFileName() + ": value of '" + k + "' is " + v
                        + ", expected a positive finite number");
            }
        });
        return out;
    }

    /** A {@code str → float} dictionary (values may be Python floats or numpy float scalars). */
    public static Map<String, Double> readStringToDouble(Path file) {
        Map<String, Double> out = new LinkedHashMap<>();
        readDict(file).forEach((k, v) -> {
            if (!(v instanceof Number n) || !(k instanceof String key)) {
                throw new CheckpointException(file.getFileName() + ": entry " + PickleValues.describe(k) + " → "
                        + describe(v) + ", expected a string key and a number");
            }
            out.put(key, n.doubleValue());
        });
        return out;
    }

    /** A {@code str → str} dictionary. */
    public static Map<String, String> readStringToString(Path file) {
        return stringEntries(readDict(file), file.getFileName().toString());
    }

    /** Same, from a stream (e.g. a bundled resource), with {@code name} for messages. */
    public static Map<String, String> readStringToString(InputStream in, String name) throws IOException {
        return stringEntries(toMap(SafeUnpickler.load(in.readAllBytes(), PickleAllowlist.dictionaries(), name), name), name);
    }

    /** The entries of a {@code str → str} (or None) dictionary; anything else is refused, naming the entry. */
    private static Map<String, String> stringEntries(Map<?, ?> raw, String name) {
        Map<String, String> out = new LinkedHashMap<>();
        raw.forEach((k, v) -> {
            if (!(k instanceof String key) || v != null && !(v instanceof String)) {
                throw new CheckpointException(name + ": entry " + PickleValues.describe(k) + " → " + describe(v)
                        + ", expected strings");
            }
            out.put(key, (String) v);
        });
        return out;
    }

    private static Map<?, ?> readDict(Path file) {
        String name = file.getFileName().toString();
        byte[] bytes = CheckpointFiles.readMetadata(file, "dictionary file");
        return toMap(SafeUnpickler.load(bytes, PickleAllowlist.dictionaries(), name), name);
    }

    private static Map<?, ?> toMap(Object o, String name) {
        if (o instanceof Map<?, ?> m) {
            return m;
        }
        throw new CheckpointException(name + " holds a " + describe(o) + ", expected a pickled dict");
    }

    private static String describe(Object v) {
        return PickleValues.describe(v);
    }
}
