package org.scjava.dsl.io;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * anndata's {@code make_index_unique(index, join="-")} (anndata/utils.py), which {@code var_names_make_unique} and
 * scanpy's {@code read_10x_mtx} use: the first occurrence of a name is kept, later ones get {@code -1}, {@code -2},
 * ... in order, skipping any candidate that is already a name (in the index or made earlier).
 */
public final class UniqueNames {

    private UniqueNames() {
    }

    /** A copy of {@code names} with duplicates renamed; the same array when they are already unique. */
    public static String[] makeUnique(String[] names) {
        Set<String> seen = new HashSet<>();
        boolean unique = true;
        for (String n : names) {
            unique &= seen.add(n);
        }
        if (unique) {
            return names;
        }
        Set<String> taken = new HashSet<>(seen);
        Set<String> first = new HashSet<>();
        Map<String, Integer> counter = new HashMap<>();
        String[] out = names.clone();
        for (int i = 0; i < out.length; i++) {
            String v = out[i];
            if (first.add(v)) {
                continue; // the first occurrence keeps its name
            }
            while (true) {
                int c = counter.merge(v, 1, Integer::sum);
                String candidate = v + "-" + c;
                if (taken.add(candidate)) {
                    out[i] = candidate;
                    break;
                }
            }
        }
        return out;
    }

    /** True when every name occurs once. */
    public static boolean areUnique(String[] names) {
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (!seen.add(n)) {
                return false;
            }
        }
        return true;
    }
}
