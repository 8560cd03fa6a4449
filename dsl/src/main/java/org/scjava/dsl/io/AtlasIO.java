package org.scjava.dsl.io;

import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.io.h5ad.ElementRegistry;
import org.scjava.dsl.io.h5ad.H5adReader;
import org.scjava.dsl.io.h5ad.H5adWriteOptions;
import org.scjava.dsl.io.h5ad.H5adWriter;
import org.scjava.dsl.io.h5ad.Hdf5Files;
import org.scjava.dsl.io.mtx.MatrixMarketReader;
import org.scjava.dsl.io.tenx.TenxH5Reader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes Atlas files. {@link #read} recognises the format by content: an HDF5 file with anndata's layout
 * (X/obs/var) or Cell Ranger's ({@code /matrix}, or {@code /<genome>} for v2), a MatrixMarket file, or a directory
 * holding a 10x MatrixMarket export (matrix.mtx[.gz] + features/genes + barcodes).
 */
public final class AtlasIO {

    private static final Logger LOG = LoggerFactory.getLogger(AtlasIO.class);

    private AtlasIO() {
    }

    public static AtlasData read(Path path) {
        return read(path, LoadOptions.defaults());
    }

    /** {@link #read(Path)} with options for 10x files (genome, feature types, unique names; see {@link LoadOptions}). */
    public static AtlasData read(Path path, LoadOptions options) {
        long start = System.nanoTime();
        FileFormat format = detect(path);
        AtlasData atlas = Hdf5Files.parsing(path, "", () -> switch (format) {
            case H5AD -> H5adReader.read(path);
            case TENX_H5 -> TenxH5Reader.read(path, options);
            case MATRIX_MARKET -> MatrixMarketReader.read(path, options);
        });
        atlas.setSource(path);
        LOG.info("load: {} as {} ({} x {}) in {} ms", path.getFileName(), format, atlas.nObs(), atlas.nVars(),
                (System.nanoTime() - start) / 1_000_000);
        return atlas;
    }

    /** Writes h5ad (the only format scjava writes), atomically. */
    public static void write(AtlasData atlas, Path path) {
        H5adWriter.write(atlas, path, H5adWriteOptions.defaults());
    }

    public static void write(AtlasData atlas, Path path, H5adWriteOptions options) {
        H5adWriter.write(atlas, path, options);
    }

    /** The format of {@code path} by its content. */
    public static FileFormat detect(Path path) {
        if (!Files.exists(path)) {
            throw new AtlasFormatException(path, "", "no such file or directory");
        }
        if (Files.isDirectory(path)) {
            return FileFormat.MATRIX_MARKET;
        }
        InputFiles.requireRegularFile(path); // before any open: a FIFO blocks it
        try {
            if (FileFormat.isHdf5(path)) {
                try (HdfFile h = Hdf5Files.open(path)) {
                    return Hdf5Files.parsing(path, "/", () -> hdf5Layout(path, h));
                }
            }
            if (FileFormat.isMatrixMarket(path)) {
                return FileFormat.MATRIX_MARKET;
            }
            throw new AtlasFormatException(path, "", "unrecognised format: not HDF5 (h5ad, 10x .h5) and not MatrixMarket "
                    + "(a '%%MatrixMarket' banner); for a 10x MatrixMarket export pass its directory");
        } catch (IOException e) {
            throw new AtlasFormatException(path, "", "cannot read: " + e.getMessage(), e);
        }
    }

    private static FileFormat hdf5Layout(Path path, Group root) {
        var children = root.getChildren();
        if (children.containsKey("X") || children.containsKey("obs")) {
            return FileFormat.H5AD;
        }
        if (children.get("matrix") instanceof Group m && m.getChildren().containsKey("barcodes")) {
            return FileFormat.TENX_H5;
        }
        for (Node n : children.values()) {
            if (n instanceof Group g && g.getChildren().containsKey("barcodes") && g.getChildren().containsKey("genes")) {
                return FileFormat.TENX_H5;
            }
        }
        throw new AtlasFormatException(path, "/", "HDF5 file without an anndata layout (/X, /obs, /var) or a 10x "
                + "layout (/matrix with barcodes); top-level entries: " + children.keySet());
    }

    /** The registry used for h5ad elements (extensible by callers that add encodings). */
    public static ElementRegistry registry() {
        return ElementRegistry.standard();
    }
}
