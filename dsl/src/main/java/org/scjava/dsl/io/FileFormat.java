package org.scjava.dsl.io;

import org.scjava.dsl.core.AtlasData;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/** The formats {@code AtlasData.load} understands, recognised by content rather than by extension. */
public enum FileFormat {
    /** HDF5 with anndata's layout (root X, obs, var). */
    H5AD,
    /** HDF5 from Cell Ranger: {@code /matrix} (v3) or {@code /<genome>} (v2) groups. */
    TENX_H5,
    /** A MatrixMarket file, or a directory holding matrix.mtx[.gz] with features/genes and barcodes tables. */
    MATRIX_MARKET;

    static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    /** True when the file starts with the HDF5 signature (at offset 0, or 512, 1024, ... for user blocks). */
    public static boolean isHdf5(Path file) throws IOException {
        long size = Files.size(file);
        try (var ch = Files.newByteChannel(file)) {
            for (long off = 0; off + 8 <= size; off = off == 0 ? 512 : off * 2) {
                ch.position(off);
                var buf = java.nio.ByteBuffer.allocate(8);
                if (ch.read(buf) < 8) {
                    return false;
                }
                if (Arrays.equals(buf.array(), HDF5_SIGNATURE)) {
                    return true;
                }
                if (off > 1 << 20) {
                    return false;
                }
            }
        }
        return false;
    }

    /** True when the (optionally gzip-compressed) file starts with the MatrixMarket banner. */
    public static boolean isMatrixMarket(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file)) {
            InputStream in = raw;
            byte[] head = raw.readNBytes(2);
            if (head.length == 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
                in = new GZIPInputStream(new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(head), raw));
                head = new byte[0];
            }
            byte[] rest = in.readNBytes(14 - head.length);
            String banner = new String(head, java.nio.charset.StandardCharsets.US_ASCII)
                    + new String(rest, java.nio.charset.StandardCharsets.US_ASCII);
            return banner.startsWith("%%MatrixMarket");
        } catch (java.util.zip.ZipException e) {
            return false;
        }
    }
}
