package org.scjava.dsl.io.hdf5;

/**
 * How a dataset is laid out: contiguous, or chunked with {@code chunkElements} elements per chunk (rounded to whole
 * rows for 2-D data), optionally byte-shuffled and deflate-compressed at {@code deflateLevel} (0 = no filter).
 */
public record Storage(boolean chunked, int chunkElements, int deflateLevel, boolean shuffle) {

    public static Storage contiguous() {
        return new Storage(false, 0, 0, false);
    }

    /** Chunked, no filter: for data that barely compresses (float embeddings), where deflate costs time for ~7 %. */
    public static Storage chunked(int chunkElements) {
        return new Storage(true, chunkElements, 0, false);
    }

    public static Storage gzip(int chunkElements, int level) {
        return new Storage(true, chunkElements, level, false);
    }

    public boolean filtered() {
        return deflateLevel > 0 || shuffle;
    }
}
