package org.scjava.dsl.io.h5ad;

import org.scjava.dsl.io.hdf5.Storage;

/**
 * How h5ad files are written. With {@code compression} on, numeric arrays of at least {@code minCompressElements}
 * elements are gzip-compressed in chunks of {@code chunkElements} (anndata's {@code write_h5ad(compression="gzip")});
 * small arrays stay contiguous so tiny elements cost nothing.
 */
public record H5adWriteOptions(boolean compression, int level, int chunkElements, int minCompressElements) {

    public static H5adWriteOptions defaults() {
        return new H5adWriteOptions(true, 4, 1 << 18, 1 << 12);
    }

    public static H5adWriteOptions uncompressed() {
        return new H5adWriteOptions(false, 0, 1 << 18, Integer.MAX_VALUE);
    }

    public H5adWriteOptions withCompression(boolean on) {
        return new H5adWriteOptions(on, level, chunkElements, minCompressElements);
    }

    public H5adWriteOptions withLevel(int gzipLevel) {
        return new H5adWriteOptions(compression, gzipLevel, chunkElements, minCompressElements);
    }

    /** Storage for an array of {@code elements} values. */
    public Storage storageFor(long elements) {
        return compression && elements >= minCompressElements ? Storage.gzip(chunkElements, level) : Storage.contiguous();
    }
}
