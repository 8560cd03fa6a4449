package org.scjava.dsl.io;

import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import org.scjava.dsl.core.Categories;
import org.scjava.dsl.core.CsrMatrix;
import org.scjava.dsl.core.History;
import org.scjava.dsl.core.Matrix;
import org.scjava.dsl.io.h5ad.BackedMatrix;
import org.scjava.dsl.io.h5ad.DataFrame;
import org.scjava.dsl.io.h5ad.ElementRegistry;
import org.scjava.dsl.io.h5ad.H5adReader;
import org.scjava.dsl.io.h5ad.H5adWriter;
import org.scjava.dsl.io.h5ad.Hdf5Files;
import org.scjava.dsl.io.h5ad.ReadContext;
import tech.tablesaw.api.Table;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An h5ad file opened backed (anndata's {@code backed="r+"}): obs and var are in memory, X (and {@code
 * layers["counts"]} when present) stays on disk and is streamed in row blocks, so memory is bounded by the block
 * size whatever the number of cells. Streamed verbs (package {@code org.scjava.dsl.stream}) write per-cell results
 * into the same file as they go and append to the file's provenance log ({@code uns["scjava"]["history"]}); the
 * facade {@code org.scjava.dsl.atlas.BackedAtlas} adds them as methods.
 */
public class BackedH5ad implements AutoCloseable {

    /** Takes over {@code other}'s open file and state (the facade adopts what {@link #open} opened). */
    protected BackedH5ad(BackedH5ad other) {
        this(other.path, other.file, other.obs, other.var, other.x, other.counts, other.history);
    }

    /** Rows [start, end) of X as a CSR matrix. */
    public record RowBlock(int start, int end, CsrMatrix x) {
    }

    private final Path path;
    private HdfFile file;
    private final DataFrame obs;
    private final DataFrame var;
    private BackedMatrix x;
    private BackedMatrix counts;
    private final History history;

    private BackedH5ad(Path path, HdfFile file, DataFrame obs, DataFrame var, BackedMatrix x, BackedMatrix counts,
                       History history) {
        this.path = path;
        this.file = file;
        this.obs = obs;
        this.var = var;
        this.x = x;
        this.counts = counts;
        this.history = history;
    }

    public static BackedH5ad open(Path path) {
        HdfFile h = Hdf5Files.open(path);
        try {
            return Hdf5Files.parsing(path, "", () -> open(path, h));
        } catch (RuntimeException e) {
            h.close();
            throw e;
        }
    }

    private static BackedH5ad open(Path path, HdfFile h) {
        ReadContext ctx = new ReadContext(path, ElementRegistry.standard());
        Node xNode = h.getChildren().get("X");
        if (xNode == null) {
            throw ctx.error(h, "no X matrix: an h5ad file holds the cells × genes matrix at /X");
        }
        BackedMatrix x = BackedMatrix.open(xNode, ctx);
        DataFrame obs = H5adReader.frame(h, "obs", ctx);
        DataFrame var = H5adReader.frame(h, "var", ctx);
        if (obs.table().rowCount() != x.nRows() || var.table().rowCount() != x.nCols()) {
            throw new AtlasFormatException(path, "/", "shapes do not match: X is " + x.nRows() + " x " + x.nCols()
                    + ", obs has " + obs.table().rowCount() + " rows, var " + var.table().rowCount());
        }
        return new BackedH5ad(path, h, obs, var, x, countsOf(h, ctx), historyOf(h, ctx));
    }

    private static BackedMatrix countsOf(HdfFile h, ReadContext ctx) {
        if (h.getChildren().get("layers") instanceof Group layers && layers.getChildren().get("counts") instanceof Node c
                && "csr_matrix".equals(ctx.registry().specOf(c).type())) {
            return BackedMatrix.open(c, ctx);
        }
        return null;
    }

    private static History historyOf(HdfFile h, ReadContext ctx) {
        History history = new History();
        if (h.getChildren().get("uns") instanceof Group uns && uns.getChildren().get(H5adWriter.SCJAVA_KEY) instanceof Group sc
                && sc.getChildren().get("history") instanceof Node log && ctx.read(log) instanceof String[] json) {
            try {
                History.fromJson(json).entries().forEach(history::add);
            } catch (IllegalArgumentException e) {
                throw ctx.error(log, "uns/scjava/history: " + e.getMessage());
            }
        }
        return history;
    }

    /**
     * Re-reads the file's structure after this JVM appended to it (jHDF caches it); X and obs/var are unchanged.
     */
    public void reopen() {
        HdfFile h = Hdf5Files.open(path);
        ReadContext ctx = new ReadContext(path, ElementRegistry.standard());
        BackedMatrix nx = BackedMatrix.open(h.getChildren().get("X"), ctx);
        BackedMatrix nc = countsOf(h, ctx);
        file.close();
        file = h;
        x = nx;
        counts = nc;
    }

    /** The provenance log: the file's {@code uns["scjava"]["history"]} plus what this handle did. */
    public History history() {
        return history;
    }

    /** Whether the file has raw counts in {@code layers["counts"]} (streamed beside X). */
    public boolean hasCountsLayer() {
        return counts != null;
    }

    /** Rows [start, end) of {@code layers["counts"]}; throws when the file has none. */
    public CsrMatrix readCountsRows(int start, int end) {
        if (counts == null) {
            throw new IllegalStateException(path.getFileName() + " has no layers['counts']");
        }
        return counts.rows(start, end);
    }

    /** The names of the file's obsm entries (as of the last open/reopen). */
    public Set<String> obsmKeys() {
        return file.getChildren().get("obsm") instanceof Group g ? g.getChildren().keySet() : Set.of();
    }

    /**
     * {@code obsm[key]} read whole (n_obs × d floats: mind the memory for millions of cells).
     */
    public Matrix readObsm(String key) {
        if (!(file.getChildren().get("obsm") instanceof Group g) || g.getChildren().get(key) == null) {
            throw new AtlasFormatException(path, "/obsm/" + key, "no such obsm entry; present: " + obsmKeys());
        }
        Object v = new ReadContext(path, ElementRegistry.standard()).read(g.getChildren().get(key));
        if (!(v instanceof Matrix m)) {
            throw new AtlasFormatException(path, "/obsm/" + key, "not a matrix");
        }
        return m;
    }

    public Path path() {
        return path;
    }

    public int nObs() {
        return x.nRows();
    }

    public int nVars() {
        return x.nCols();
    }

    /** obs with the index as first column (in memory). */
    public Table obs() {
        return obs.table();
    }

    public Table var() {
        return var.table();
    }

    public Map<String, Categories> obsCategories() {
        return obs.categories();
    }

    public Map<String, Categories> varCategories() {
        return var.categories();
    }

    /** Rows [start, end) of X read from disk. */
    public CsrMatrix readRows(int start, int end) {
        return x.rows(start, end);
    }

    /** Stored values in rows [start, end) without reading them (for sizing blocks by memory). */
    public long storedValues(int start, int end) {
        return x.storedValues(start, end);
    }

    /** Consecutive blocks of {@code rowsPerBlock} rows (the last may be shorter); each block is read when reached. */
    public Iterable<RowBlock> rowBlocks(int rowsPerBlock) {
        if (rowsPerBlock < 1) {
            throw new IllegalArgumentException("rowsPerBlock must be at least 1, got " + rowsPerBlock);
        }
        return () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < nObs();
            }

            @Override
            public RowBlock next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int start = next;
                int end = Math.min(nObs(), start + rowsPerBlock);
                next = end;
                return new RowBlock(start, end, readRows(start, end));
            }
        };
    }

    @Override
    public void close() {
        file.close();
    }

    @Override
    public String toString() {
        return "BackedAtlas " + path.getFileName() + " with n_obs × n_vars = " + nObs() + " × " + nVars() + " (X on disk: " + x + ")";
    }
}
