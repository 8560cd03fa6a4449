package org.scjava.dsl.io.h5ad;

import org.scjava.dsl.core.CsrMatrix;
import org.scjava.dsl.io.AtlasFormatException;
import org.scjava.dsl.io.hdf5.ChunkedWriter;
import org.scjava.dsl.io.hdf5.H5Group;
import org.scjava.dsl.io.hdf5.H5Type;
import org.scjava.dsl.io.hdf5.H5Writer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes an h5ad file element by element without holding X: X is appended in CSR row blocks (data, indices and
 * indptr stream into chunked, compressed datasets), obs/var and the other slots are written from plain arrays. Like
 * {@link H5adWriter} it writes under a temporary name and renames over the target on {@link #close()}, so an
 * interrupted run never leaves a half file; {@link #abort()} discards it. Memory: one chunk per open stream.
 */
public final class H5adStreamWriter implements AutoCloseable {

    private final Path target;
    private final Path tmp;
    private final H5Writer writer;
    private final WriteContext ctx;
    private CsrStream openX;
    private boolean done;

    private H5adStreamWriter(Path target, H5adWriteOptions options) {
        this.target = target;
        Path dir = target.toAbsolutePath().getParent();
        this.tmp = dir.resolve("." + target.getFileName() + ".tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new AtlasFormatException(target, "", "cannot create the directory: " + e.getMessage(), e);
        }
        this.writer = H5Writer.create(tmp);
        this.ctx = new WriteContext(target, ElementRegistry.standard(), options);
        ElementRegistry.stamp(writer.root(), IOSpec.ANNDATA);
    }

    public static H5adStreamWriter create(Path target, H5adWriteOptions options) {
        return new H5adStreamWriter(target, options);
    }

    /** Streams X as {@code csr_matrix} with {@code nCols} columns; append row blocks, then close the stream. */
    public CsrStream streamX(int nCols) {
        if (openX != null) {
            throw new IllegalStateException("X is already being written");
        }
        openX = new CsrStream(writer.root(), "X", nCols, ctx);
        return openX;
    }

    /**
     * A dataframe element ({@code obs}, {@code var}): the index and columns in order. Column values are what the
     * registry writes: String[] (string-array), {@link CategoricalArray} (categorical), numeric or boolean arrays.
     */
    public void writeFrame(String name, String indexName, String[] index, Map<String, Object> columns) {
        H5Group g = ElementRegistry.stamp(writer.root().group(name), IOSpec.DATAFRAME);
        g.attr("_index", indexName);
        g.attr("column-order", columns.keySet().toArray(String[]::new));
        ctx.write(g, indexName, index);
        for (var e : columns.entrySet()) {
            if (java.lang.reflect.Array.getLength(e.getValue() instanceof CategoricalArray c ? c.codes() : e.getValue())
                    != index.length) {
                throw ctx.error("/" + name + "/" + e.getKey(), "column length differs from the index (" + index.length + ")");
            }
            ctx.write(g, e.getKey(), e.getValue());
        }
    }

    /** Any element at the root (e.g. "uns" as a Map, empty "obsm" as an empty Map). */
    public void writeElement(String name, Object value) {
        ctx.write(writer.root(), name, value);
    }

    /** Finishes the file and moves it over the target. */
    @Override
    public void close() {
        if (done) {
            return;
        }
        done = true;
        try {
            if (openX != null) {
                openX.close();
            }
            for (String slot : List.of("obsm", "varm", "obsp", "varp", "layers", "uns")) {
                if (!writer.root().contains(slot)) {
                    ctx.write(writer.root(), slot, new LinkedHashMap<String, Object>());
                }
            }
            writer.close();
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            abortQuietly();
            throw new UncheckedIOException("cannot finish " + target + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            abortQuietly();
            throw e;
        }
    }

    /** Discards the partial file. */
    public void abort() {
        done = true;
        abortQuietly();
    }

    private void abortQuietly() {
        try {
            writer.close();
        } catch (RuntimeException ignored) {
            // the file is deleted anyway
        }
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // nothing more to do
        }
    }

    /** X streamed in CSR row blocks; indptr is int64 (millions of cells × thousands of genes exceed int32). */
    public static final class CsrStream implements AutoCloseable {
        private final H5Group group;
        private final int nCols;
        private final ChunkedWriter data;
        private final ChunkedWriter indices;
        private final ChunkedWriter indptr;
        private long rows;
        private long nnz;
        private boolean closed;

        CsrStream(H5Group root, String name, int nCols, WriteContext ctx) {
            this.nCols = nCols;
            this.group = ElementRegistry.stamp(root.group(name), IOSpec.CSR);
            var storage = ctx.options().storageFor(Long.MAX_VALUE);
            this.data = group.stream("data", H5Type.FLOAT32, 0, storage);
            this.indices = group.stream("indices", H5Type.INT32, 0, storage);
            this.indptr = group.stream("indptr", H5Type.INT64, 0, storage);
            indptr.append(new long[] {0});
        }

        /** Appends the rows of {@code block} (its column count must match). */
        public void append(CsrMatrix block) {
            if (closed) {
                throw new IllegalStateException("X stream is closed");
            }
            if (block.nCols() != nCols) {
                throw new IllegalArgumentException("row block has " + block.nCols() + " columns, X has " + nCols);
            }
            data.append(block.data(), 0, block.nnz());
            indices.append(block.indices(), 0, block.nnz());
            long[] ip = new long[block.nRows()];
            for (int r = 0; r < ip.length; r++) {
                ip[r] = nnz + block.indptr()[r + 1];
            }
            indptr.append(ip);
            nnz += block.nnz();
            rows += block.nRows();
        }

        public long rows() {
            return rows;
        }

        public long nnz() {
            return nnz;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            group.attr("shape", new long[] {rows, nCols});
            data.close();
            indices.close();
            indptr.close();
        }
    }
}
