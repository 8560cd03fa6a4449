package org.scjava.dsl.io.h5ad;

import it.unimi.dsi.fastutil.bytes.Byte2IntOpenHashMap;
import it.unimi.dsi.fastutil.bytes.Byte2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2ByteOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2ShortOpenHashMap;
import it.unimi.dsi.fastutil.shorts.Short2IntOpenHashMap;
import it.unimi.dsi.fastutil.shorts.Short2ObjectOpenHashMap;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.strings.ByteDictionaryMap;
import tech.tablesaw.columns.strings.DictionaryMap;
import tech.tablesaw.columns.strings.IntDictionaryMap;
import tech.tablesaw.columns.strings.NullDictionaryMap;
import tech.tablesaw.columns.strings.ShortDictionaryMap;

/**
 * Builds Tablesaw {@link StringColumn}s from decoded strings or from categorical codes + levels in one pass.
 *
 * <p>Why not {@code StringColumn.create(name, values)}: it appends row by row, hashing every row into a byte-keyed
 * dictionary that is promoted to short and then int keys as distinct values grow (each promotion re-appends every
 * row) and counting every row in a hash map; on 33k gene names that was a third of an h5ad load. Here distinct
 * values are hashed once, per-key counts come from an int array, and the dictionary is handed to Tablesaw's own
 * builders with the key width Tablesaw's own promotions would have reached: byte keys up to 254 distinct values,
 * short keys up to 65534, then int keys, or no dictionary at all (a plain list, Tablesaw's "text" form) when more
 * than half of the rows seen at the short-key overflow were distinct. Keys run in order of first appearance from
 * {@code MIN_VALUE + 1}, the missing value {@code ""} sits under {@code MAX_VALUE}, and the value-to-key map
 * answers {@code MIN_VALUE} for unknown strings, as in Tablesaw 0.44. StringColumnsTest pins this against the
 * public behaviour of columns built by {@code StringColumn.create}.
 */
final class StringColumns {

    /** Largest number of distinct values per key width (keys MIN+1 .. MAX-1; MAX is the missing value). */
    private static final int BYTE_LIMIT = Byte.MAX_VALUE - Byte.MIN_VALUE - 1;
    private static final int SHORT_LIMIT = Short.MAX_VALUE - Short.MIN_VALUE - 1;
    private static final String MISSING = "";

    private StringColumns() {
    }

    /** A column of {@code values}; null and "" are Tablesaw's missing value. */
    static StringColumn of(String name, String[] values) {
        int n = values.length;
        Object2IntOpenHashMap<String> ids = new Object2IntOpenHashMap<>(Math.min(n, 1 << 16));
        ids.defaultReturnValue(-1);
        int[] rowIds = new int[n];
        String[] distinct = new String[Math.min(n, 16)];
        int k = 0;
        for (int i = 0; i < n; i++) {
            String v = values[i];
            if (v == null || v.isEmpty()) {
                rowIds[i] = -1;
                continue;
            }
            int id = ids.putIfAbsent(v, k);
            if (id < 0) {
                if (k == SHORT_LIMIT && becomesText(i, rowIds)) {
                    return text(name, values);
                }
                id = k++;
                if (id == distinct.length) {
                    distinct = java.util.Arrays.copyOf(distinct, Math.min(n, distinct.length * 2));
                }
                distinct[id] = v;
            }
            rowIds[i] = id;
        }
        return build(name, distinct, k, rowIds);
    }

    /**
     * The column of a pandas Categorical: row i holds {@code levels[codes[i]]}, code -1 is missing. Levels that no
     * row uses are not in the column's dictionary (as with row-by-row appends); an empty-string level reads as
     * missing, duplicate levels share one key.
     */
    static StringColumn categorical(String name, String[] levels, int[] codes) {
        int nLevels = levels.length;
        int[] levelId = new int[nLevels];
        java.util.Arrays.fill(levelId, -2); // -2: not seen yet
        Object2IntOpenHashMap<String> ids = new Object2IntOpenHashMap<>(Math.min(nLevels, 1 << 16));
        ids.defaultReturnValue(-1);
        String[] distinct = new String[nLevels];
        int k = 0;
        int[] rowIds = new int[codes.length];
        for (int i = 0; i < codes.length; i++) {
            int c = codes[i];
            if (c < 0) {
                rowIds[i] = -1;
                continue;
            }
            int id = levelId[c];
            if (id == -2) {
                String v = levels[c];
                if (v == null || v.isEmpty()) {
                    id = -1;
                } else {
                    id = ids.putIfAbsent(v, k);
                    if (id < 0) {
                        id = k++;
                        distinct[id] = v;
                    }
                }
                levelId[c] = id;
            }
            rowIds[i] = id;
        }
        return build(name, distinct, k, rowIds);
    }

    /** {@code rowIds[i]} indexes {@code distinct[0..k)} (first appearance order) or is -1 for missing. */
    private static StringColumn build(String name, String[] distinct, int k, int[] rowIds) {
        int[] counts = new int[k];
        int missing = 0;
        for (int id : rowIds) {
            if (id < 0) {
                missing++;
            } else {
                counts[id]++;
            }
        }
        if (k > SHORT_LIMIT) {
            int overflow = 0;
            while (rowIds[overflow] != SHORT_LIMIT) {
                overflow++;
            }
            if (becomesText(overflow, rowIds)) {
                String[] values = new String[rowIds.length];
                for (int i = 0; i < values.length; i++) {
                    values[i] = rowIds[i] < 0 ? MISSING : distinct[rowIds[i]];
                }
                return text(name, values);
            }
        }
        DictionaryMap map;
        if (k <= BYTE_LIMIT) {
            map = bytes(distinct, k, rowIds, counts, missing);
        } else if (k <= SHORT_LIMIT) {
            map = shorts(distinct, k, rowIds, counts, missing);
        } else {
            map = ints(distinct, k, rowIds, counts, missing);
        }
        return StringColumn.createInternal(name, map);
    }

    /**
     * Tablesaw's rule when short keys run out at row {@code overflowRow}: become text when the distinct values so far
     * (65534, plus the missing value if any row before was missing) exceed half of the rows appended so far.
     */
    private static boolean becomesText(int overflowRow, int[] rowIds) {
        boolean missingBefore = false;
        for (int i = 0; i < overflowRow && !missingBefore; i++) {
            missingBefore = rowIds[i] < 0;
        }
        return SHORT_LIMIT + (missingBefore ? 1 : 0) > overflowRow * 0.5;
    }

    /** A dictionary-free column: appending to Tablesaw's text map only adds to a list. */
    private static StringColumn text(String name, String[] values) {
        StringColumn col = StringColumn.createInternal(name, new NullDictionaryMap(new ByteDictionaryMap()));
        for (String v : values) {
            col.append(v == null ? MISSING : v);
        }
        return col;
    }

    private static DictionaryMap bytes(String[] distinct, int k, int[] rowIds, int[] counts, int missing) {
        Byte2ObjectOpenHashMap<String> keyToValue = new Byte2ObjectOpenHashMap<>(k + 1);
        Object2ByteOpenHashMap<String> valueToKey = new Object2ByteOpenHashMap<>(k + 1);
        valueToKey.defaultReturnValue(Byte.MIN_VALUE);
        Byte2IntOpenHashMap keyToCount = new Byte2IntOpenHashMap(k + 1);
        for (int id = 0; id < k; id++) {
            byte key = (byte) (Byte.MIN_VALUE + 1 + id);
            keyToValue.put(key, distinct[id]);
            valueToKey.put(distinct[id], key);
            keyToCount.put(key, counts[id]);
        }
        if (missing > 0) {
            keyToValue.put(Byte.MAX_VALUE, MISSING);
            valueToKey.put(MISSING, Byte.MAX_VALUE);
            keyToCount.put(Byte.MAX_VALUE, missing);
        }
        byte[] values = new byte[rowIds.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = rowIds[i] < 0 ? Byte.MAX_VALUE : (byte) (Byte.MIN_VALUE + 1 + rowIds[i]);
        }
        return new ByteDictionaryMap.ByteDictionaryBuilder().setNextIndex(Byte.MIN_VALUE + k).setKeyToValue(keyToValue)
                .setValueToKey(valueToKey).setKeyToCount(keyToCount).setValues(values).build();
    }

    private static DictionaryMap shorts(String[] distinct, int k, int[] rowIds, int[] counts, int missing) {
        Short2ObjectOpenHashMap<String> keyToValue = new Short2ObjectOpenHashMap<>(k + 1);
        Object2ShortOpenHashMap<String> valueToKey = new Object2ShortOpenHashMap<>(k + 1);
        valueToKey.defaultReturnValue(Short.MIN_VALUE);
        Short2IntOpenHashMap keyToCount = new Short2IntOpenHashMap(k + 1);
        for (int id = 0; id < k; id++) {
            short key = (short) (Short.MIN_VALUE + 1 + id);
            keyToValue.put(key, distinct[id]);
            valueToKey.put(distinct[id], key);
            keyToCount.put(key, counts[id]);
        }
        if (missing > 0) {
            keyToValue.put(Short.MAX_VALUE, MISSING);
            valueToKey.put(MISSING, Short.MAX_VALUE);
            keyToCount.put(Short.MAX_VALUE, missing);
        }
        short[] values = new short[rowIds.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = rowIds[i] < 0 ? Short.MAX_VALUE : (short) (Short.MIN_VALUE + 1 + rowIds[i]);
        }
        return new ShortDictionaryMap.ShortDictionaryBuilder().setNextIndex(Short.MIN_VALUE + k)
                .setKeyToValue(keyToValue).setValueToKey(valueToKey).setKeyToCount(keyToCount).setValues(values)
                .build();
    }

    private static DictionaryMap ints(String[] distinct, int k, int[] rowIds, int[] counts, int missing) {
        Int2ObjectOpenHashMap<String> keyToValue = new Int2ObjectOpenHashMap<>(k + 1);
        Object2IntOpenHashMap<String> valueToKey = new Object2IntOpenHashMap<>(k + 1);
        valueToKey.defaultReturnValue(Integer.MIN_VALUE);
        Int2IntOpenHashMap keyToCount = new Int2IntOpenHashMap(k + 1);
        for (int id = 0; id < k; id++) {
            int key = Integer.MIN_VALUE + 1 + id;
            keyToValue.put(key, distinct[id]);
            valueToKey.put(distinct[id], key);
            keyToCount.put(key, counts[id]);
        }
        if (missing > 0) {
            keyToValue.put(Integer.MAX_VALUE, MISSING);
            valueToKey.put(MISSING, Integer.MAX_VALUE);
            keyToCount.put(Integer.MAX_VALUE, missing);
        }
        int[] values = new int[rowIds.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = rowIds[i] < 0 ? Integer.MAX_VALUE : Integer.MIN_VALUE + 1 + rowIds[i];
        }
        return new IntDictionaryMap.IntDictionaryBuilder().setNextIndex(Integer.MIN_VALUE + k)
                .setKeyToValue(keyToValue).setValueToKey(valueToKey).setKeyToCount(keyToCount).setValues(values)
                .build();
    }
}
