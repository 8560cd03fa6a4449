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
        Map<String, Integer> out = new LinkedHashMap<>();
        readDict(file).forEach((k, v) -> {
            if (!(v instanceof Number n) || v instanceof Double) {
                throw new CheckpointException(file.getFileName() + ": value of '" + k + "' is " + describe(v) + ", expected an integer");
            }
            out.put(String.valueOf(k), Math.toIntExact(n.longValue()));
        });
        return out;
    }

    /** A {@code str → float} dictionary (values may be Python floats or numpy float scalars). */
    public static Map<String, Double> readStringToDouble(Path file) {
        Map<String, Double> out = new LinkedHashMap<>();
        readDict(file).forEach((k, v) -> {
            if (!(v instanceof Number n)) {
                throw new CheckpointException(file.getFileName() + ": value of '" + k + "' is " + describe(v) + ", expected a number");
            }
            out.put(String.valueOf(k), n.doubleValue());
        });
        return out;
    }

    /** A {@code str → str} dictionary. */
    public static Map<String, String> readStringToString(Path file) {
        Map<String, String> out = new LinkedHashMap<>();
        readDict(file).forEach((k, v) -> out.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        return out;
    }

    /** Same, from a stream (e.g. a bundled resource), with {@code name} for messages. */
    public static Map<String, String> readStringToString(InputStream in, String name) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        toMap(SafeUnpickler.load(in.readAllBytes(), PickleAllowlist.dictionaries(), name), name)
                .forEach((k, v) -> out.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        return out;
    }

    private static Map<?, ?> readDict(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CheckpointException("dictionary file " + file + " does not exist");
        }
        try {
            String name = file.getFileName().toString();
            return toMap(SafeUnpickler.load(Files.readAllBytes(file), PickleAllowlist.dictionaries(), name), name);
        } catch (IOException e) {
            throw new CheckpointException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<?, ?> toMap(Object o, String name) {
        if (o instanceof Map<?, ?> m) {
            return m;
        }
        throw new CheckpointException(name + " holds a " + describe(o) + ", expected a pickled dict");
    }

    private static String describe(Object v) {
        return v == null ? "None" : v.getClass().getSimpleName();
    }
}
