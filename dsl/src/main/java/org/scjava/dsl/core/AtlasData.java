package org.scjava.dsl.core;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The data an Atlas holds: an annotated cells × genes matrix, scjava's counterpart of AnnData (Virshup et al. 2021,
 * doi:10.1101/2021.12.16.473007), with the same slots and the same on-disk h5ad layout.
 *
 * <ul>
 *   <li>{@code X}: sparse CSR or dense float32, cells × genes; {@link #layers()} hold other matrices of that shape
 *       (e.g. {@code "counts"}).</li>
 *   <li>{@code obs}/{@code var}: Tablesaw tables whose <b>first column is the index</b> (cell barcodes / gene
 *       names); categorical columns are {@code StringColumn}s with their levels kept in
 *       {@link #obsCategories()}/{@link #varCategories()}.</li>
 *   <li>{@code obsm}/{@code varm}: per-cell/per-gene matrices (X_pca, X_umap, X_scgpt); {@code obsp}/{@code varp}:
 *       cell × cell graphs (connectivities, distances).</li>
 *   <li>{@code uns}: nested map of scalars, arrays, strings, maps and tables; {@link #history()}: provenance.</li>
 * </ul>
 *
 * This class is the core every layer shares: io reads and writes it, verb packages ({@code pp}, {@code tl},
 * {@code pl}, {@code tasks}, {@code baselines}) work on it, and the fluent facade {@code org.scjava.dsl.atlas.Atlas}
 * extends it with the verbs. It knows no verb: only slots, their shape checks, subsetting, copying and history.
 */
public class AtlasData {

    private static final Logger LOG = LoggerFactory.getLogger(AtlasData.class);

    private Matrix x;
    private Table obs;
    private Table var;
    private final Map<String, Matrix> layers = new LinkedHashMap<>();
    private final Map<String, Matrix> obsm = new LinkedHashMap<>();
    private final Map<String, Matrix> varm = new LinkedHashMap<>();
    private final Map<String, Matrix> obsp = new LinkedHashMap<>();
    private final Map<String, Matrix> varp = new LinkedHashMap<>();
    private final Map<String, Object> uns = new LinkedHashMap<>();
    private final Map<String, Categories> obsCategories = new LinkedHashMap<>();
    private final Map<String, Categories> varCategories = new LinkedHashMap<>();
    private Raw raw;
    private final History history;
    private Path source;

    /**
     * An Atlas over {@code x} with obs and var tables; either table may be null, giving anndata's default index
     * ("0", "1", ...). A table's first column must be a string index column with one row per cell/gene.
     */
    public AtlasData(Matrix x, Table obs, Table var) {
        this(x, obs, var, new History());
    }

    private AtlasData(Matrix x, Table obs, Table var, History history) {
        this.x = Objects.requireNonNull(x, "X");
        this.obs = obs != null ? obs : defaultIndex("obs", "_index", x.nRows());
        this.var = var != null ? var : defaultIndex("var", "_index", x.nCols());
        this.history = history;
        checkAxis("obs", this.obs, x.nRows(), "rows of X");
        checkAxis("var", this.var, x.nCols(), "columns of X");
    }

    /**
     * Takes over the slots of {@code data} without copying any matrix or table: the facade adopts what io read.
     * {@code data} should not be used afterwards (both would share obs, var and every matrix).
     */
    protected AtlasData(AtlasData data) {
        this(data.x, data.obs, data.var, data.history);
        adoptSlots(data, this);
    }

    // ------------------------------------------------------------------ provenance of the file

    /** The file this data was loaded from, or null. */
    public Path source() {
        return source;
    }

    public void setSource(Path source) {
        this.source = source;
    }

    // ------------------------------------------------------------------ slots

    public int nObs() {
        return x.nRows();
    }

    public int nVars() {
        return x.nCols();
    }

    public Matrix x() {
        return x;
    }

    /** Replaces X; the shape must stay n_obs × n_vars (use {@link #subset} to change it). */
    public AtlasData setX(Matrix newX) {
        if (newX.nRows() != nObs() || newX.nCols() != nVars()) {
            throw new AtlasException("new X is " + newX.shapeString() + " but the Atlas is " + nObs() + " x " + nVars());
        }
        this.x = newX;
        return this;
    }

    public Table obs() {
        return obs;
    }

    public Table var() {
        return var;
    }

    /** Replaces obs; it must have one row per cell and a string index as its first column. */
    public AtlasData setObs(Table newObs) {
        checkAxis("obs", newObs, nObs(), "rows of X");
        this.obs = newObs;
        obsCategories.keySet().retainAll(newObs.columnNames());
        return this;
    }

    public AtlasData setVar(Table newVar) {
        checkAxis("var", newVar, nVars(), "columns of X");
        this.var = newVar;
        varCategories.keySet().retainAll(newVar.columnNames());
        return this;
    }

    /** Cell names (the obs index). */
    public List<String> obsNames() {
        return indexColumn(obs).asList();
    }

    /** Gene names (the var index). */
    public List<String> varNames() {
        return indexColumn(var).asList();
    }

    /** Name of the obs index column (anndata's {@code _index} attribute). */
    public String obsIndexName() {
        return obs.column(0).name();
    }

    public String varIndexName() {
        return var.column(0).name();
    }

    /** Position of each gene name in var (first occurrence wins when names repeat). */
    public Map<String, Integer> varIndex() {
        return positions(varNames());
    }

    public Map<String, Integer> obsIndex() {
        return positions(obsNames());
    }

    public Map<String, Matrix> layers() {
        return layers;
    }

    /** The layer {@code key}; throws naming the available layers when absent. */
    public Matrix layer(String key) {
        return require(layers, key, "layers", "normalizeTotal() keeps raw counts in layers[\"counts\"]");
    }

    public AtlasData putLayer(String key, Matrix m) {
        checkShape("layers", key, m, nObs(), nVars());
        layers.put(key, m);
        return this;
    }

    public Map<String, Matrix> obsm() {
        return obsm;
    }

    /** The obsm entry {@code key} (e.g. "X_pca"); throws naming what exists and which verb writes it. */
    public Matrix obsm(String key) {
        return require(obsm, key, "obsm", hintFor(key));
    }

    public AtlasData putObsm(String key, Matrix m) {
        checkRows("obsm", key, m, nObs());
        obsm.put(key, m);
        return this;
    }

    public Map<String, Matrix> varm() {
        return varm;
    }

    public AtlasData putVarm(String key, Matrix m) {
        checkRows("varm", key, m, nVars());
        varm.put(key, m);
        return this;
    }

    public Map<String, Matrix> obsp() {
        return obsp;
    }

    public Matrix obsp(String key) {
        return require(obsp, key, "obsp", "run neighbors() first");
    }

    public AtlasData putObsp(String key, Matrix m) {
        checkShape("obsp", key, m, nObs(), nObs());
        obsp.put(key, m);
        return this;
    }

    public Map<String, Matrix> varp() {
        return varp;
    }

    public AtlasData putVarp(String key, Matrix m) {
        checkShape("varp", key, m, nVars(), nVars());
        varp.put(key, m);
        return this;
    }

    /** Unstructured annotation: values are String, Number, Boolean, primitive/String arrays, Matrix, Table or nested Map. */
    public Map<String, Object> uns() {
        return uns;
    }

    public Raw raw() {
        return raw;
    }

    public AtlasData setRaw(Raw newRaw) {
        if (newRaw != null && newRaw.x().nRows() != nObs()) {
            throw new AtlasException("raw.X has " + newRaw.x().nRows() + " rows but the Atlas has " + nObs() + " cells");
        }
        this.raw = newRaw;
        return this;
    }

    /** Category levels of categorical obs columns, by column name. */
    public Map<String, Categories> obsCategories() {
        return obsCategories;
    }

    public Map<String, Categories> varCategories() {
        return varCategories;
    }

    public History history() {
        return history;
    }

    /**
     * Appends a history entry for a verb that started at {@code startNanos} and logs the one finish line
     * ("leiden: wrote obs['leiden'] in 0.31 s"). Verbs call this last.
     */
    public AtlasData record(String verb, Map<String, Object> params, long startNanos, String wrote) {
        History.Entry e = history.add(verb, params, startNanos);
        LOG.info("{}: {} ({} ms)", verb, wrote, e.durationMillis());
        return this;
    }

    // ------------------------------------------------------------------ obs/var helpers

    /** The obs column {@code name}; throws naming the available columns. */
    public Column<?> obsColumn(String name) {
        return column(obs, "obs", name);
    }

    public Column<?> varColumn(String name) {
        return column(var, "var", name);
    }

    /** Values of a (categorical or string) obs column as strings, one per cell. */
    public String[] obsStrings(String name) {
        Column<?> c = obsColumn(name);
        String[] out = new String[c.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = c.getString(i);
        }
        return out;
    }

    // ------------------------------------------------------------------ subsetting and copying

    /** Keeps the cells where {@code obsMask} is true (all genes). */
    public AtlasData subset(boolean[] obsMask) {
        if (obsMask.length != nObs()) {
            throw new AtlasException("obs mask has " + obsMask.length + " entries but the Atlas has " + nObs() + " cells");
        }
        return subset(trueIndices(obsMask), null);
    }

    /** Keeps the named cells and genes, in the order given; null keeps all of that axis. */
    public AtlasData subset(Collection<String> obsNames, Collection<String> varNames) {
        int[] rows = obsNames == null ? null : lookup(obsIndex(), obsNames, "cell", "obs");
        int[] cols = varNames == null ? null : lookup(varIndex(), varNames, "gene", "var");
        return subset(rows, cols);
    }

    /** Keeps the given genes (by name), all cells. */
    public AtlasData subsetVars(Collection<String> varNames) {
        return subset(null, varNames);
    }

    /** Keeps the genes where {@code varMask} is true (all cells). */
    public AtlasData subsetVars(boolean[] varMask) {
        if (varMask.length != nVars()) {
            throw new AtlasException("var mask has " + varMask.length + " entries but the Atlas has " + nVars() + " genes");
        }
        return subset(null, trueIndices(varMask));
    }

    /**
     * A new Atlas with the given cell rows and gene columns (null = all), slicing every slot like anndata:
     * X, layers, obs/obsm/obsp by cells, var/varm/varp by genes; raw keeps all its genes. History is carried over
     * and the subset is recorded.
     */
    public AtlasData subset(int[] rows, int[] cols) {
        long start = System.nanoTime();
        Matrix nx = x;
        if (rows != null) {
            nx = nx.selectRows(rows);
        }
        if (cols != null) {
            nx = nx.selectCols(cols);
        }
        Table nobs = rows == null ? obs.copy() : rowsInOrder(obs, rows);
        Table nvar = cols == null ? var.copy() : rowsInOrder(var, cols);
        AtlasData out = new AtlasData(nx, nobs, nvar, new History(history));
        for (var e : layers.entrySet()) {
            Matrix m = e.getValue();
            if (rows != null) {
                m = m.selectRows(rows);
            }
            if (cols != null) {
                m = m.selectCols(cols);
            }
            out.layers.put(e.getKey(), m);
        }
        obsm.forEach((k, m) -> out.obsm.put(k, rows == null ? m : m.selectRows(rows)));
        varm.forEach((k, m) -> out.varm.put(k, cols == null ? m : m.selectRows(cols)));
        obsp.forEach((k, m) -> out.obsp.put(k, rows == null ? m : m.selectRows(rows).selectCols(rows)));
        varp.forEach((k, m) -> out.varp.put(k, cols == null ? m : m.selectRows(cols).selectCols(cols)));
        out.uns.putAll(uns);
        out.obsCategories.putAll(obsCategories);
        out.varCategories.putAll(varCategories);
        if (raw != null) {
            out.raw = new Raw(rows == null ? raw.x() : raw.x().selectRows(rows), raw.var().copy(), raw.varm());
        }
        out.source = source;
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("n_obs", out.nObs());
        params.put("n_vars", out.nVars());
        // Recorded, but logged at DEBUG: slicing is not an analysis step, and tasks slice in chunks (one INFO line per
        // chunk was noise).
        History.Entry e = out.history.add("subset", params, start);
        LOG.debug("subset: kept {} x {} ({} ms)", out.nObs(), out.nVars(), e.durationMillis());
        return out;
    }

    /** A copy whose slots can be changed without touching this Atlas (matrices are immutable and shared). */
    public AtlasData copy() {
        AtlasData out = new AtlasData(x, obs.copy(), var.copy(), new History(history));
        adoptSlots(this, out);
        out.uns.clear();
        out.uns.putAll(deepCopy(uns));
        return out;
    }

    /** Puts every matrix slot, uns, categories, raw and source of {@code from} into {@code to} (same references). */
    private static void adoptSlots(AtlasData from, AtlasData to) {
        to.layers.putAll(from.layers);
        to.obsm.putAll(from.obsm);
        to.varm.putAll(from.varm);
        to.obsp.putAll(from.obsp);
        to.varp.putAll(from.varp);
        to.uns.putAll(from.uns);
        to.obsCategories.putAll(from.obsCategories);
        to.varCategories.putAll(from.varCategories);
        to.raw = from.raw;
        to.source = from.source;
    }

    // ------------------------------------------------------------------ display

    /** A summary in the style of anndata's repr. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append("Atlas object with n_obs × n_vars = ").append(nObs()).append(" × ").append(nVars());
        sb.append(x.isSparse() ? " (sparse X, " + x.storedValues() + " stored values)" : " (dense X)");
        appendKeys(sb, "obs", obs.columnNames().subList(1, obs.columnCount()));
        appendKeys(sb, "var", var.columnNames().subList(1, var.columnCount()));
        appendKeys(sb, "uns", new ArrayList<>(uns.keySet()));
        appendKeys(sb, "obsm", new ArrayList<>(obsm.keySet()));
        appendKeys(sb, "varm", new ArrayList<>(varm.keySet()));
        appendKeys(sb, "layers", new ArrayList<>(layers.keySet()));
        appendKeys(sb, "obsp", new ArrayList<>(obsp.keySet()));
        appendKeys(sb, "varp", new ArrayList<>(varp.keySet()));
        if (raw != null) {
            sb.append("\n    raw: ").append(raw.x().shapeString());
        }
        if (!history.isEmpty()) {
            sb.append("\n    history: ").append(history.size()).append(" entries, last ")
                    .append(history.entries().get(history.size() - 1).verb());
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ internals

    /** The given rows in the given order (Tablesaw's {@code Table.rows} sorts them). */
    private static Table rowsInOrder(Table t, int[] rows) {
        Table out = Table.create(t.name());
        for (Column<?> c : t.columns()) {
            out.addColumns(c.subset(rows));
        }
        return out;
    }

    private static void appendKeys(StringBuilder sb, String slot, List<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        sb.append("\n    ").append(slot).append(": ");
        for (int i = 0; i < keys.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append('\'').append(keys.get(i)).append('\'');
        }
    }

    private static Table defaultIndex(String axis, String name, int n) {
        String[] idx = new String[n];
        for (int i = 0; i < n; i++) {
            idx[i] = Integer.toString(i);
        }
        return Table.create(axis, StringColumn.create(name, idx));
    }

    private static void checkAxis(String axis, Table t, int expected, String what) {
        if (t.columnCount() == 0 || !(t.column(0) instanceof StringColumn)) {
            throw new AtlasException(axis + " table must start with a string index column (cell/gene names); found "
                    + (t.columnCount() == 0 ? "no columns" : t.column(0).type() + " column '" + t.column(0).name() + "'"));
        }
        if (t.rowCount() != expected) {
            throw new AtlasException(axis + " has " + t.rowCount() + " rows but there are " + expected + " " + what);
        }
    }

    private static StringColumn indexColumn(Table t) {
        return (StringColumn) t.column(0);
    }

    private static Column<?> column(Table t, String axis, String name) {
        if (!t.containsColumn(name)) {
            throw new AtlasException("no " + axis + " column '" + name + "'; available: " + t.columnNames());
        }
        return t.column(name);
    }

    private static Map<String, Integer> positions(List<String> names) {
        Map<String, Integer> m = new HashMap<>(names.size() * 2);
        for (int i = 0; i < names.size(); i++) {
            m.putIfAbsent(names.get(i), i);
        }
        return m;
    }

    private static int[] lookup(Map<String, Integer> index, Collection<String> names, String what, String axis) {
        int[] out = new int[names.size()];
        int i = 0;
        List<String> missing = new ArrayList<>();
        for (String n : names) {
            Integer p = index.get(n);
            if (p == null) {
                missing.add(n);
            } else {
                out[i++] = p;
            }
        }
        if (!missing.isEmpty()) {
            throw new AtlasException(missing.size() + " " + what + " name(s) not in " + axis + ": "
                    + missing.subList(0, Math.min(5, missing.size())) + (missing.size() > 5 ? " ..." : ""));
        }
        return out;
    }

    private static int[] trueIndices(boolean[] mask) {
        int n = 0;
        for (boolean b : mask) {
            if (b) {
                n++;
            }
        }
        int[] out = new int[n];
        int k = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                out[k++] = i;
            }
        }
        return out;
    }

    private static Matrix require(Map<String, Matrix> slot, String key, String slotName, String hint) {
        Matrix m = slot.get(key);
        if (m == null) {
            throw new AtlasException("no " + slotName + "[\"" + key + "\"]; available: " + slot.keySet()
                    + (hint == null ? "" : " — " + hint));
        }
        return m;
    }

    private static String hintFor(String obsmKey) {
        return switch (obsmKey) {
            case "X_pca" -> "run pca() first";
            case "X_umap" -> "run umap() first";
            case "X_harmony" -> "run harmonize(batchKey) first";
            default -> obsmKey.startsWith("X_") ? "run the verb that writes it (e.g. embed(model))" : null;
        };
    }

    private void checkShape(String slot, String key, Matrix m, int rows, int cols) {
        if (m.nRows() != rows || m.nCols() != cols) {
            throw new AtlasException(slot + "[\"" + key + "\"] must be " + rows + " x " + cols + ", got " + m.shapeString());
        }
    }

    private void checkRows(String slot, String key, Matrix m, int rows) {
        if (m.nRows() != rows) {
            throw new AtlasException(slot + "[\"" + key + "\"] must have " + rows + " rows, got " + m.shapeString());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v instanceof Map<?, ?> sub ? deepCopy((Map<String, Object>) sub)
                : v instanceof Table t ? t.copy() : copyArray(v)));
        return out;
    }

    private static Object copyArray(Object v) {
        if (v instanceof float[] a) {
            return a.clone();
        } else if (v instanceof double[] a) {
            return a.clone();
        } else if (v instanceof int[] a) {
            return a.clone();
        } else if (v instanceof long[] a) {
            return a.clone();
        } else if (v instanceof boolean[] a) {
            return a.clone();
        } else if (v instanceof String[] a) {
            return Arrays.copyOf(a, a.length);
        }
        return v;
    }
}
