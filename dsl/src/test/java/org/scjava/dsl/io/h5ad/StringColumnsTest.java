package org.scjava.dsl.io.h5ad;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins {@link StringColumns} (which hands prebuilt dictionaries to Tablesaw 0.44's internal builders) to the public
 * behaviour of {@code StringColumn.create}: same values, missing values, counts, selections, sorting, and the same
 * behaviour after appends that force a wider key type and after sets that retire a value. A Tablesaw upgrade that
 * changes the internals these builders rely on fails here.
 */
class StringColumnsTest {

    private static String[] values(int n, IntFunction<String> f) {
        String[] v = new String[n];
        for (int i = 0; i < n; i++) {
            v[i] = f.apply(i);
        }
        return v;
    }

    @Test
    void fewDistinctWithMissing() {
        Random r = new Random(1);
        String[] v = values(1000, i -> r.nextInt(7) == 0 ? "" : "level" + r.nextInt(5));
        v[3] = null;
        assertSameBehaviour(v);
    }

    @Test
    void hundredsOfDistinctUseShortKeys() {
        Random r = new Random(2);
        assertSameBehaviour(values(5000, i -> "g" + r.nextInt(300)));
    }

    @Test
    void tensOfThousandsOfGeneNames() {
        assertSameBehaviour(values(33694, i -> i % 5 == 0 ? "dup" + (i % 1000) : "GENE" + i));
    }

    @Test
    void repeatedValuesBeyondShortKeysUseIntKeys() {
        // 140k rows over 60k values, then 10k new ones: at the short-key overflow fewer than half the rows were
        // distinct, so Tablesaw keeps a dictionary with int keys.
        assertSameBehaviour(values(150_000, i -> i < 140_000 ? "v" + (i % 60_000) : "new" + i));
    }

    @Test
    void mostlyUniqueBeyondShortKeysIsText() {
        assertSameBehaviour(values(70_000, i -> i == 5 ? "" : "cell" + i));
    }

    @Test
    void categoricalCodesMatchDecodedStrings() {
        String[] levels = {"B", "T", "", "unused", "NK", "T"};
        Random r = new Random(3);
        int[] codes = new int[3000];
        String[] decoded = new String[codes.length];
        for (int i = 0; i < codes.length; i++) {
            int c = r.nextInt(8) - 1;
            codes[i] = c == 3 || c > 5 ? -1 : c;
            decoded[i] = codes[i] < 0 ? "" : levels[codes[i]];
        }
        assertSameBehaviour(StringColumn.create("c", decoded), StringColumns.categorical("c", levels, codes));
    }

    @Test
    void categoricalWithManyLevels() {
        int nLevels = 40_000;
        String[] levels = values(nLevels, i -> "ENSG" + i);
        int[] codes = new int[50_000];
        String[] decoded = new String[codes.length];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = (i * 7919) % nLevels;
            decoded[i] = levels[codes[i]];
        }
        assertSameBehaviour(StringColumn.create("c", decoded), StringColumns.categorical("c", levels, codes));
    }

    private static void assertSameBehaviour(String[] v) {
        assertSameBehaviour(StringColumn.create("s", v), StringColumns.of("s", v));
    }

    private static void assertSameBehaviour(StringColumn expected, StringColumn actual) {
        assertSameState(expected, actual);
        if (expected.size() <= 40_000) { // Tablesaw's copy and sort take seconds on larger columns
            // Sorting a copy, selections and lags go through the dictionary.
            StringColumn es = expected.copy();
            StringColumn as = actual.copy();
            es.sortAscending();
            as.sortAscending();
            assertSameState(es, as);
            assertThat(actual.where(actual.isEqualTo(expected.get(0))).asList())
                    .isEqualTo(expected.where(expected.isEqualTo(expected.get(0))).asList());
            assertThat(actual.lag(2).asList()).isEqualTo(expected.lag(2).asList());
        }
        // Mutations: retire a value that occurs once, reuse an existing one, add new ones past the key width.
        String reused = expected.get(2);
        for (StringColumn c : new StringColumn[] {expected, actual}) {
            c.set(0, "brand-new");
            c.set(1, reused);
            c.setMissing(2);
            c.appendMissing();
            for (int i = 0; i < 300; i++) {
                c.append("appended" + i);
            }
        }
        assertSameState(expected, actual);
    }

    private static void assertSameState(StringColumn e, StringColumn a) {
        assertThat(a.size()).isEqualTo(e.size());
        assertThat(java.util.Arrays.equals(a.asObjectArray(), e.asObjectArray())).as("same values").isTrue();
        for (int i = 0; i < e.size(); i++) {
            assertThat(a.isMissing(i)).as("isMissing(%d)", i).isEqualTo(e.isMissing(i));
        }
        assertThat(a.countMissing()).isEqualTo(e.countMissing());
        assertThat(a.countUnique()).isEqualTo(e.countUnique());
        assertThat(a.asSet()).isEqualTo(e.asSet());
        assertThat(counts(a)).isEqualTo(counts(e));
        for (String probe : new String[] {e.get(0), e.get(e.size() - 1), "", "absent"}) {
            assertThat(a.countOccurrences(probe)).as("countOccurrences(%s)", probe).isEqualTo(e.countOccurrences(probe));
            assertThat(a.isEqualTo(probe).toArray()).isEqualTo(e.isEqualTo(probe).toArray());
            assertThat(a.isNotEqualTo(probe).toArray()).isEqualTo(e.isNotEqualTo(probe).toArray());
            assertThat(a.firstIndexOf(probe)).isEqualTo(e.firstIndexOf(probe));
            assertThat(a.contains(probe)).isEqualTo(e.contains(probe));
        }
        assertThat(a.isIn(e.get(0), "absent").toArray()).isEqualTo(e.isIn(e.get(0), "absent").toArray());
        if (e.size() <= 40_000) {
            assertThat(a.unique().asSet()).isEqualTo(e.unique().asSet());
            assertThat(a.removeMissing().asList()).isEqualTo(e.removeMissing().asList());
        }
    }

    /** countByCategory as a map; Tablesaw's text form does not count (then both must refuse). */
    private static Map<String, Integer> counts(StringColumn c) {
        Table t;
        try {
            t = c.countByCategory();
        } catch (UnsupportedOperationException e) {
            return Map.of("unsupported", -1);
        }
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < t.rowCount(); i++) {
            m.merge(t.stringColumn(0).get(i), t.intColumn(1).get(i), Integer::sum);
        }
        return m;
    }
}
