package org.scjava.dsl.io;

import io.jhdf.HdfFile;
import io.jhdf.api.Node;
import org.scjava.dsl.atlas.Categories;
import org.scjava.dsl.atlas.CsrMatrix;
import org.scjava.dsl.io.h5ad.BackedMatrix;
import org.scjava.dsl.io.h5ad.DataFrame;
import org.scjava.dsl.io.h5ad.ElementRegistry;
import org.scjava.dsl.io.h5ad.H5adReader;
import org.scjava.dsl.io.h5ad.Hdf5Files;
import org.scjava.dsl.io.h5ad.ReadContext;
import tech.tablesaw.api.Table;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * An h5ad file opened backed (anndata's {@code backed="r"}): obs and var are in memory, X stays on disk and is
 * streamed in row blocks, so memory is bounded by the block size whatever the number of cells.
 *
 * <pre>{@code
 * try (BackedAtlas big = Atlas.open("atlas.h5ad")) {
 *     for (BackedAtlas.RowBlock b : big.rowBlocks(10_000)) { ... b.x() ... }
 * }
 * }</pre>
 */
public final class BackedAtlas implements AutoCloseable {

    /** Rows [start, end) of X as a CSR matrix. */
    public record RowBlock(int start, int end, CsrMatrix x) {
    }

    private final Path path;
    private final HdfFile file;
    private final DataFrame obs;
    private final DataFrame var;
    private final BackedMatrix x;

    private BackedAtlas(Path path, HdfFile file, DataFrame obs, DataFrame var, BackedMatrix x) {
        this.path = path;
        this.file = file;
        this.obs = obs;
        this.var = var;
        this.x = x;
    }

    public static BackedAtlas open(Path path) {
        HdfFile h = Hdf5Files.open(path);
        try {
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
            return new BackedAtlas(path, h, obs, var, x);
        } catch (RuntimeException e) {
            h.close();
            throw e;
        }
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
