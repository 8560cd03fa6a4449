package org.scjava.dsl.io.tenx;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.core.CsrMatrix;
import org.scjava.dsl.io.AtlasFormatException;
import org.scjava.dsl.io.LoadOptions;
import org.scjava.dsl.io.UniqueNames;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * scanpy's own 10x test files (scverse/scanpy tests/_data, see MANIFEST.tsv) read by {@code Atlas.load} and compared
 * with what scanpy's {@code read_10x_h5} / {@code read_10x_mtx} return for the same arguments: shape, obs/var names,
 * every obs/var column with its type, and X exactly (indptr, indices, float32 values). The expected results were
 * produced by scanpy's functions themselves ({@code expected_from_scanpy.py}, shims stated there); errors scanpy
 * raises (several genomes and none chosen, an unknown genome) must be errors here too, listing the genomes.
 */
class Scanpy10xInteropTest {

    private static Path dir() {
        try {
            return Path.of(Scanpy10xInteropTest.class.getResource("/interop/scanpy10x").toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> readsAsScanpyDoes() throws Exception {
        JsonObject expected;
        try (Reader r = new InputStreamReader(new GZIPInputStream(Files.newInputStream(dir().resolve("expected.json.gz"))),
                StandardCharsets.UTF_8)) {
            expected = JsonParser.parseReader(r).getAsJsonObject();
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonElement e : expected.getAsJsonArray("cases")) {
            JsonObject c = e.getAsJsonObject();
            String name = c.get("reader").getAsString() + " " + c.get("path").getAsString() + " " + c.get("args");
            tests.add(DynamicTest.dynamicTest(name, () -> check(c)));
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(20);
        return tests.stream();
    }

    private static void check(JsonObject c) {
        Path path = dir().resolve(c.get("path").getAsString());
        LoadOptions options = options(c.getAsJsonObject("args"));
        if (c.has("error")) {
            String error = c.get("error").getAsString();
            var thrown = assertThatThrownBy(() -> Atlas.load(path, options)).isInstanceOf(AtlasFormatException.class)
                    .hasMessageContaining(path.getFileName().toString());
            int list = error.indexOf("Available genomes are: [");
            for (String g : error.substring(list + 24, error.indexOf(']', list)).split(", ")) {
                thrown.hasMessageContaining(g.replace("'", ""));
            }
            return;
        }
        JsonObject want = c.getAsJsonObject("result");
        Atlas a = Atlas.load(path, options);
        assertThat(new long[] {a.nObs(), a.nVars()}).isEqualTo(longs(want.getAsJsonArray("shape")));
        assertThat(a.obsNames()).containsExactly(strings(want.getAsJsonArray("obs_names")));
        assertThat(a.varNames()).containsExactly(expectedVarNames(c, want));
        checkColumns(a.var(), want.getAsJsonObject("var"), "var");
        checkColumns(a.obs(), want.getAsJsonObject("obs"), "obs");
        CsrMatrix x = (CsrMatrix) a.x();
        assertThat(x.indptr()).as("indptr").isEqualTo(longs(want.getAsJsonArray("indptr")));
        assertThat(x.indices()).as("indices").isEqualTo(ints(want.getAsJsonArray("indices")));
        float[] data = new float[want.getAsJsonArray("data").size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = want.getAsJsonArray("data").get(i).getAsFloat();
        }
        assertThat(x.data()).as("data").isEqualTo(data);
    }

    /**
     * scanpy's var names; for {@code read_10x_h5} without an explicit {@code make_unique}, those names after
     * {@code var_names_make_unique()}, which scjava applies by default (the mtx cases check that rule against
     * scanpy's own {@code make_unique=True} output).
     */
    private static String[] expectedVarNames(JsonObject c, JsonObject want) {
        String[] names = strings(want.getAsJsonArray("var_names"));
        boolean h5Default = "read_10x_h5".equals(c.get("reader").getAsString())
                && !c.getAsJsonObject("args").has("make_unique");
        return h5Default ? UniqueNames.makeUnique(names) : names;
    }

    private static LoadOptions options(JsonObject args) {
        LoadOptions o = LoadOptions.defaults();
        if (args.has("genome")) {
            o = o.withGenome(args.get("genome").getAsString());
        }
        if (args.has("gex_only")) {
            o = o.withGexOnly(args.get("gex_only").getAsBoolean());
        }
        if (args.has("make_unique")) {
            o = o.withMakeUnique(args.get("make_unique").getAsBoolean());
        }
        if (args.has("var_names")) {
            o = o.withVarNamesGeneIds("gene_ids".equals(args.get("var_names").getAsString()));
        }
        return o;
    }

    /** Same columns in the same order (after the index), same type and values. */
    private static void checkColumns(Table t, JsonObject want, String what) {
        List<String> names = new ArrayList<>(t.columnNames());
        names.remove("_index");
        assertThat(names).as(what + " columns").containsExactlyElementsOf(want.keySet());
        for (Map.Entry<String, JsonElement> e : want.entrySet()) {
            JsonObject col = e.getValue().getAsJsonObject();
            Column<?> got = t.column(e.getKey());
            JsonArray values = col.getAsJsonArray("values");
            switch (col.get("dtype").getAsString()) {
                case "bool" -> {
                    assertThat(got).as(e.getKey()).isInstanceOf(BooleanColumn.class);
                    for (int i = 0; i < values.size(); i++) {
                        assertThat(((BooleanColumn) got).get(i)).isEqualTo(values.get(i).getAsBoolean());
                    }
                }
                case "int64" -> {
                    assertThat(got).as(e.getKey()).isInstanceOf(LongColumn.class);
                    assertThat(((LongColumn) got).asLongArray()).isEqualTo(longs(values));
                }
                default -> {
                    String[] s = new String[got.size()];
                    for (int i = 0; i < s.length; i++) {
                        s[i] = got.getString(i);
                    }
                    assertThat(s).as(e.getKey()).containsExactly(strings(values));
                }
            }
        }
    }

    private static String[] strings(JsonArray a) {
        String[] out = new String[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsString();
        }
        return out;
    }

    private static long[] longs(JsonArray a) {
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsLong();
        }
        return out;
    }

    private static int[] ints(JsonArray a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsInt();
        }
        return out;
    }
}
