package org.scjava.dsl.io.hdf5;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A little-endian byte builder for HDF5 structures. */
final class Bytes {

    static final long UNDEFINED_ADDRESS = -1L;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Bytes u8(int v) {
        out.write(v & 0xff);
        return this;
    }

    Bytes u16(int v) {
        return u8(v).u8(v >>> 8);
    }

    Bytes u32(long v) {
        return u16((int) v).u16((int) (v >>> 16));
    }

    Bytes u64(long v) {
        return u32(v).u32(v >>> 32);
    }

    /** An unsigned little-endian integer of {@code width} bytes. */
    Bytes uN(long v, int width) {
        for (int i = 0; i < width; i++) {
            u8((int) (v >>> (8 * i)));
        }
        return this;
    }

    Bytes bytes(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    Bytes ascii(String s) {
        return bytes(s.getBytes(StandardCharsets.US_ASCII));
    }

    int size() {
        return out.size();
    }

    byte[] toArray() {
        return out.toByteArray();
    }

    /** Appends the lookup3 checksum of everything so far. */
    Bytes checksum() {
        byte[] b = out.toByteArray();
        return u32(Lookup3.hash(b, 0, b.length) & 0xffffffffL);
    }
}
