package org.scjava.dsl.io.h5ad;

import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import org.scjava.dsl.io.AtlasFormatException;
import org.scjava.dsl.io.hdf5.ChunkedWriter;
import org.scjava.dsl.io.hdf5.H5Appender;
import org.scjava.dsl.io.hdf5.H5Group;
import org.scjava.dsl.io.hdf5.H5Type;
import org.scjava.dsl.io.hdf5.Storage;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Streams a new {@code obsm[key]} (n_obs × width float32, chunked, uncompressed as anndata writes obsm, encoding {@code array} 0.2.0) into
 * an existing h5ad file, row block by row block, through {@link H5Appender}: the other obsm entries are kept by
 * address, an existing {@code obsm[key]} is replaced. Works on files written by anndata (old-style groups) and by
 * scjava. Rows must total n_obs; {@link #close()} checks that and only then makes the entry visible, so a failed
 * run leaves the file as it was.
 */
public final class ObsmAppender implements AutoCloseable {

    private final Path file;
    private final String key;
    private final long nObs;
    private final int width;
    private final H5Appender appender;
    private final ChunkedWriter rows;
    private final Map<String, Long> unsChildren;
    private final Map<String, Long> scjavaChildren;
    private String[] history;
    private boolean done;

    private ObsmAppender(Path file, String key, long nObs, int width, H5Appender appender, ChunkedWriter rows,
                         Map<String, Long> unsChildren, Map<String, Long> scjavaChildren) {
        this.unsChildren = unsChildren;
        this.scjavaChildren = scjavaChildren;
        this.file = file;
        this.key = key;
        this.nObs = nObs;
        this.width = width;
        this.appender = appender;
        this.rows = rows;
    }

    /** Opens {@code file} to stream {@code obsm[key]} of {@code nObs} rows × {@code width} columns. */
    public static ObsmAppender open(Path file, String key, long nObs, int width) {
        if (key.isEmpty() || key.contains("/")) {
            throw new IllegalArgumentException("invalid obsm key '" + key + "'");
        }
        Map<String, Long> keep = new LinkedHashMap<>();
        Map<String, Long> uns = null;
        Map<String, Long> scjava = new LinkedHashMap<>();
        try (HdfFile h = Hdf5Files.open(file)) {
            if (h.getChildren().get("uns") instanceof Group u) {
                uns = new LinkedHashMap<>();
                Map<String, Long> unsMap = uns;
                u.getChildren().forEach((k, v) -> unsMap.put(k, v.getAddress()));
                if (u.getChildren().get(H5adWriter.SCJAVA_KEY) instanceof Group sc) {
                    sc.getChildren().forEach((k, v) -> scjava.put(k, v.getAddress()));
                }
            }
            Node obsm = h.getChildren().get("obsm");
            if (!(obsm instanceof Group g)) {
                throw new AtlasFormatException(file, "/obsm", "the file has no obsm group to add to (anndata >= 0.7 "
                        + "always writes one); write the file with scjava or anndata first");
            }
            for (var e : g.getChildren().entrySet()) {
                if (!e.getKey().equals(key)) {
                    keep.put(e.getKey(), e.getValue().getAddress());
                }
            }
        }
        H5Appender appender;
        try {
            appender = H5Appender.open(file);
        } catch (RuntimeException e) {
            throw new AtlasFormatException(file, "/obsm", "cannot append: " + e.getMessage(), e);
        }
        H5Group obsm = appender.replaceRootChild("obsm");
        ElementRegistry.stamp(obsm, IOSpec.DICT);
        keep.forEach(obsm::linkExisting);
        int chunkRows = Math.max(1, Math.min(Math.toIntExact(Math.max(nObs, 1)), (1 << 18) / Math.max(1, width)));
        ChunkedWriter rows = obsm.stream(key, H5Type.FLOAT32, width, Storage.chunked(chunkRows * width)); // as anndata: obsm uncompressed
        ElementRegistry.stamp(rows.dataset(), IOSpec.ARRAY);
        return new ObsmAppender(file, key, nObs, width, appender, rows, uns, scjava);
    }

    /**
     * Also replaces {@code uns["scjava"]["history"]} (scjava's provenance log, one JSON string per entry) with
     * {@code entries}, keeping everything else in uns. Needs an existing uns group.
     */
    public ObsmAppender withHistory(String[] entries) {
        this.history = entries.clone();
        return this;
    }

    /** Appends {@code values} (row-major, a whole number of rows). */
    public ObsmAppender append(float[] values, int from, int count) {
        rows.append(values, from, count);
        return this;
    }

    /** Rows appended so far. */
    public long rows() {
        return rows.appended() / width;
    }

    public int width() {
        return width;
    }

    /** Finishes the dataset and makes {@code obsm[key]} visible. */
    @Override
    public void close() {
        if (done) {
            return;
        }
        if (rows() != nObs) {
            abort();
            throw new AtlasFormatException(file, "/obsm/" + key, "wrote " + rows() + " rows but the file has " + nObs
                    + " cells; the file is unchanged");
        }
        done = true;
        rows.close();
        if (history != null && unsChildren != null) {
            writeHistory(); // files without uns (anndata < 0.7) keep the provenance in memory only
        }
        appender.close();
    }

    private void writeHistory() {
        H5Group uns = ElementRegistry.stamp(appender.replaceRootChild("uns"), IOSpec.DICT);
        unsChildren.forEach((k, v) -> {
            if (!k.equals(H5adWriter.SCJAVA_KEY)) {
                uns.linkExisting(k, v);
            }
        });
        H5Group sc = ElementRegistry.stamp(uns.group(H5adWriter.SCJAVA_KEY), IOSpec.DICT);
        scjavaChildren.forEach((k, v) -> {
            if (!k.equals("history")) {
                sc.linkExisting(k, v);
            }
        });
        ElementRegistry.stamp(sc.dataset("history", history, Storage.contiguous()), IOSpec.STRING_ARRAY);
    }

    /** Leaves the file as it was. */
    public void abort() {
        if (!done) {
            done = true;
            appender.abort();
        }
    }
}
