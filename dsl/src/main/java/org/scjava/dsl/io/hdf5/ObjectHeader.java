package org.scjava.dsl.io.hdf5;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A version-2 object header ("OHDR", HDF5 file format spec IV.A.1.b) being assembled from messages. scjava writes
 * every object header after its children and data, so all addresses are known and a header is never rewritten.
 */
final class ObjectHeader {

    static final int DATASPACE = 0x01;
    static final int LINK_INFO = 0x02;
    static final int DATATYPE = 0x03;
    static final int FILL_VALUE = 0x05;
    static final int LINK = 0x06;
    static final int LAYOUT = 0x08;
    static final int GROUP_INFO = 0x0A;
    static final int FILTER_PIPELINE = 0x0B;
    static final int ATTRIBUTE = 0x0C;

    private final Bytes messages = new Bytes();

    ObjectHeader message(int type, byte[] body) {
        if (body.length > 0xffff) {
            throw new IllegalArgumentException("HDF5 header message of " + body.length
                    + " bytes exceeds the 64 KiB limit (e.g. an attribute that is too large)");
        }
        messages.u8(type).u16(body.length).u8(0).bytes(body);
        return this;
    }

    byte[] encode() {
        byte[] m = messages.toArray();
        return new Bytes().ascii("OHDR").u8(2).u8(0x02).u32(m.length).bytes(m).checksum().toArray();
    }

    // ------------------------------------------------------------------ message bodies

    /** Dataspace v2: scalar when {@code dims} is null, else simple with these dimensions. */
    static byte[] dataspace(long[] dims) {
        Bytes b = new Bytes().u8(2);
        if (dims == null) {
            return b.u8(0).u8(0).u8(0).toArray();
        }
        b.u8(dims.length).u8(0).u8(1);
        for (long d : dims) {
            b.u64(d);
        }
        return b.toArray();
    }

    /** Fill value v3: default (zero) fill, written if set; {@code chunked} selects incremental allocation. */
    static byte[] fillValue(boolean chunked) {
        int allocTime = chunked ? 3 : 2;
        return new Bytes().u8(3).u8(allocTime | (2 << 2)).toArray();
    }

    static byte[] contiguousLayout(long address, long size) {
        return new Bytes().u8(3).u8(1).u64(address).u64(size).toArray();
    }

    /** Layout v4, chunked, fixed-array index at {@code indexAddress}. */
    static byte[] chunkedLayout(int[] chunkDims, int elementSize, int pageBits, long indexAddress) {
        Bytes b = new Bytes().u8(4).u8(2).u8(0).u8(chunkDims.length + 1).u8(4);
        for (int d : chunkDims) {
            b.u32(d);
        }
        b.u32(elementSize);
        return b.u8(3).u8(pageBits).u64(indexAddress).toArray();
    }

    /** Filter pipeline v2 with optional shuffle then deflate. */
    static byte[] filterPipeline(boolean shuffle, int elementSize, int deflateLevel) {
        Bytes b = new Bytes().u8(2).u8(shuffle ? 2 : 1);
        if (shuffle) {
            b.u16(2).u16(0).u16(1).u32(elementSize);
        }
        return b.u16(1).u16(0).u16(1).u32(deflateLevel).toArray();
    }

    static byte[] linkInfo() {
        return new Bytes().u8(0).u8(0).u64(Bytes.UNDEFINED_ADDRESS).u64(Bytes.UNDEFINED_ADDRESS).toArray();
    }

    static byte[] groupInfo() {
        return new Bytes().u8(0).u8(0).toArray();
    }

    /** A hard link with a UTF-8 name. */
    static byte[] link(String name, long address) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        if (n.length == 0) {
            throw new IllegalArgumentException("HDF5 link names cannot be empty");
        }
        boolean wide = n.length > 0xff;
        Bytes b = new Bytes().u8(1).u8((wide ? 1 : 0) | 0x10).u8(1);
        if (wide) {
            b.u16(n.length);
        } else {
            b.u8(n.length);
        }
        return b.bytes(n).u64(address).toArray();
    }

    /** Attribute message v3. */
    static byte[] attribute(String name, H5Type type, long[] dims, byte[] data) {
        byte[] n = (name + "\0").getBytes(StandardCharsets.UTF_8);
        byte[] t = type.encode();
        byte[] s = dataspace(dims);
        return new Bytes().u8(3).u8(0).u16(n.length).u16(t.length).u16(s.length).u8(1)
                .bytes(n).bytes(t).bytes(s).bytes(data).toArray();
    }

    /** Adds one attribute message per entry. */
    ObjectHeader attributes(Map<String, Attr> attrs) {
        attrs.forEach((k, a) -> message(ATTRIBUTE, attribute(k, a.type(), a.dims(), a.data())));
        return this;
    }

    /** An encoded attribute value. */
    record Attr(H5Type type, long[] dims, byte[] data) {
    }
}
