package org.scjava.testing;

import com.google.gson.Gson;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.core.CsrMatrix;
import org.scjava.dsl.core.DenseMatrix;
import org.scjava.dsl.core.Matrix;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The same digest of an Atlas that {@code py/anndata_digest.py} computes of an AnnData, and a comparison of the two
 * (floats to a relative 1e-6, column dtypes by kind: category, string, integer, float, bool).
 */
public final class AtlasDigest {

    private AtlasDigest() {
    }

    /** Python anndata's digest of {@code file}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> python(Path file) {
        String script = Resources.text("/py/anndata_digest.py");
        return new Gson().fromJson(Python.run(script, file.toString()), Map.class);
    }

    public static Map<String, Object> of(Atlas a) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("shape", List.of((double) a.nObs(), (double) a.nVars()));
        d.put("X", matrix(a.x()));
        d.put("obs", frame(a.obs(), a.obsCategories()));
        d.put("var", frame(a.var(), a.varCategories()));
        d.put("obsm", matrices(a.obsm()));
        d.put("varm", matrices(a.varm()));
        d.put("layers", matrices(a.layers()));
        d.put("obsp", matrices(a.obsp()));
        if (a.raw() != null) {
            d.put("raw", Map.of("X", matrix(a.raw().x()), "var", frame(a.raw().var(), Map.of())));
        }
        return d;
    }

    private static Map<String, Object> matrices(Map<String, Matrix> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, matrix(v)));
        return out;
    }

    public static Map<String, Object> matrix(Matrix m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("shape", List.of((double) m.nRows(), (double) m.nCols()));
        double sum = 0;
        double sumsq = 0;
        double weighted = 0;
        long nnz = 0;
        if (m instanceof CsrMatrix c) {
            for (int r = 0; r < c.nRows(); r++) {
                for (int k = c.rowStart(r); k < c.rowEnd(r); k++) {
                    double v = c.data()[k];
                    sum += v;
                    sumsq += v * v;
                    weighted += v * (r + 1) * ((c.indices()[k] % 97) + 1);
                    nnz++;
                }
            }
        } else {
            DenseMatrix dm = (DenseMatrix) m;
            for (int r = 0; r < dm.nRows(); r++) {
                for (int j = 0; j < dm.nCols(); j++) {
                    double v = dm.get(r, j);
                    sum += v;
                    sumsq += v * v;
                    weighted += v * (r + 1) * ((j % 97) + 1);
                    nnz += v != 0 ? 1 : 0;
                }
            }
        }
        out.put("nnz", (double) nnz);
        out.put("sum", sum);
        out.put("sumsq", sumsq);
        out.put("weighted", weighted);
        if ((long) m.nRows() * m.nCols() <= 400) {
            List<List<Double>> rows = new ArrayList<>();
            float[] buf = new float[m.nCols()];
            for (int r = 0; r < m.nRows(); r++) {
                m.rowInto(r, buf);
                List<Double> row = new ArrayList<>();
                for (float f : buf) {
                    row.add((double) f);
                }
                rows.add(row);
            }
            out.put("values", rows);
        }
        return out;
    }

    public static Map<String, Object> frame(Table t, Map<String, org.scjava.dsl.core.Categories> categorical) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Object> index = new ArrayList<>();
        for (int i = 0; i < t.rowCount(); i++) {
            index.add(t.column(0).getString(i));
        }
        out.put("index", index);
        Map<String, Object> cols = new LinkedHashMap<>();
        for (int c = 1; c < t.columnCount(); c++) {
            Column<?> col = t.column(c);
            Map<String, Object> cd = new LinkedHashMap<>();
            var cats = categorical.get(col.name());
            String kind = cats != null ? "category" : kind(col);
            cd.put("kind", kind);
            // Tablesaw's missing string is "": in a plain string column, or a categorical with an "" level, it is
            // that empty string.
            boolean emptyIsValue = kind.equals("string") || cats != null && cats.levels().contains("");
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < col.size(); i++) {
                values.add(col.isMissing(i) && !emptyIsValue ? null : value(col, i));
            }
            cd.put("values", values);
            cols.put(col.name(), cd);
        }
        out.put("columns", cols);
        return out;
    }

    private static Object value(Column<?> col, int i) {
        Object v = col.get(i);
        return v instanceof Number n ? (Object) n.doubleValue() : v instanceof Boolean b ? b : String.valueOf(v);
    }

    private static String kind(Column<?> col) {
        return switch (col) {
            case StringColumn s -> "string";
            case IntColumn i -> "integer";
            case LongColumn l -> "integer";
            case ShortColumn s -> "integer";
            case FloatColumn f -> "float";
            case DoubleColumn d -> "float";
            case BooleanColumn b -> "bool";
            default -> col.type().name();
        };
    }

    /** pandas dtype name → kind. */
    static String kindOfDtype(String dtype) {
        if (dtype.equals("category")) {
            return "category";
        }
        if (dtype.equals("object") || dtype.equals("string")) {
            return "string";
        }
        if (dtype.startsWith("int") || dtype.startsWith("Int") || dtype.startsWith("uint") || dtype.startsWith("UInt")) {
            return "integer";
        }
        if (dtype.startsWith("float") || dtype.startsWith("Float")) {
            return "float";
        }
        if (dtype.equals("bool") || dtype.equals("boolean")) {
            return "bool";
        }
        return dtype;
    }

    /** Asserts that the Java digest matches the Python one in every slot Java computed. */
    @SuppressWarnings("unchecked")
    public static void assertMatches(Map<String, Object> java, Map<String, Object> python) {
        for (var e : java.entrySet()) {
            String k = e.getKey();
            Object p = python.get(k);
            if (k.equals("obs") || k.equals("var")) {
                compareFrame((Map<String, Object>) e.getValue(), (Map<String, Object>) p, k);
            } else if (k.equals("raw")) {
                Map<String, Object> jr = (Map<String, Object>) e.getValue();
                Map<String, Object> pr = (Map<String, Object>) p;
                assertThat(pr).as("raw").isNotNull();
                compare(jr.get("X"), pr.get("X"), "raw.X");
                compareFrame((Map<String, Object>) jr.get("var"), (Map<String, Object>) pr.get("var"), "raw.var");
            } else if (k.equals("X")) {
                compareMatrix((Map<String, Object>) e.getValue(), (Map<String, Object>) p, "X");
            } else if (e.getValue() instanceof Map<?, ?> slot && !k.equals("X")) {
                Map<String, Object> ps = (Map<String, Object>) p;
                assertThat(ps.keySet()).as(k + " keys").containsExactlyInAnyOrderElementsOf(((Map<String, Object>) slot).keySet());
                for (var s : ((Map<String, Object>) slot).entrySet()) {
                    compareMatrix((Map<String, Object>) s.getValue(), (Map<String, Object>) ps.get(s.getKey()), k + "." + s.getKey());
                }
            } else {
                compare(e.getValue(), p, k);
            }
        }
    }

    private static void compareMatrix(Map<String, Object> j, Map<String, Object> p, String where) {
        assertThat(p).as(where + " in python").isNotNull();
        for (String key : j.keySet()) {
            compare(j.get(key), p.get(key), where + "." + key);
        }
    }

    @SuppressWarnings("unchecked")
    private static void compareFrame(Map<String, Object> j, Map<String, Object> p, String where) {
        compare(j.get("index"), p.get("index"), where + ".index");
        Map<String, Object> jc = (Map<String, Object>) j.get("columns");
        Map<String, Object> pc = (Map<String, Object>) p.get("columns");
        assertThat(new ArrayList<>(pc.keySet())).as(where + " columns").containsExactlyElementsOf(jc.keySet());
        for (var e : jc.entrySet()) {
            Map<String, Object> jcol = (Map<String, Object>) e.getValue();
            Map<String, Object> pcol = (Map<String, Object>) pc.get(e.getKey());
            String w = where + "." + e.getKey();
            assertThat(jcol.get("kind")).as(w + " kind (pandas " + pcol.get("dtype") + ")")
                    .isEqualTo(kindOfDtype((String) pcol.get("dtype")));
            compare(jcol.get("values"), pcol.get("values"), w);
        }
    }

    @SuppressWarnings("unchecked")
    private static void compare(Object j, Object p, String where) {
        if (j instanceof Double dj) {
            if (!(p instanceof Double dp)) {
                fail(where + ": java " + j + " vs python " + p);
                return;
            }
            double tol = 1e-6 * Math.max(1, Math.max(Math.abs(dj), Math.abs(dp)));
            if (Math.abs(dj - dp) > tol && !(Double.isNaN(dj) && Double.isNaN(dp))) {
                fail(where + ": java " + dj + " vs python " + dp);
            }
        } else if (j instanceof List<?> lj) {
            assertThat(p).as(where).isInstanceOf(List.class);
            List<?> lp = (List<?>) p;
            assertThat(lp).as(where + " length").hasSameSizeAs(lj);
            for (int i = 0; i < lj.size(); i++) {
                compare(lj.get(i), lp.get(i), where + "[" + i + "]");
            }
        } else if (j instanceof Map<?, ?> mj) {
            Map<String, Object> mp = (Map<String, Object>) p;
            for (var e : ((Map<String, Object>) mj).entrySet()) {
                compare(e.getValue(), mp.get(e.getKey()), where + "." + e.getKey());
            }
        } else if (!Objects.equals(j, p)) {
            fail(where + ": java " + j + " vs python " + p);
        }
    }
}
