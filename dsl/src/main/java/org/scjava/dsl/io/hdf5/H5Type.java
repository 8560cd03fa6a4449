package org.scjava.dsl.io.hdf5;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The HDF5 datatypes scjava writes, encoded as datatype messages (HDF5 file format spec IV.A.2.d): little-endian
 * integers, IEEE floats, fixed-length UTF-8 strings and h5py's boolean enum (int8 FALSE=0/TRUE=1).
 */
public final class H5Type {

    enum Kind { INT, UINT, FLOAT, STRING, BOOL }

    public static final H5Type INT8 = new H5Type(Kind.INT, 1);
    public static final H5Type INT16 = new H5Type(Kind.INT, 2);
    public static final H5Type INT32 = new H5Type(Kind.INT, 4);
    public static final H5Type INT64 = new H5Type(Kind.INT, 8);
    public static final H5Type UINT8 = new H5Type(Kind.UINT, 1);
    public static final H5Type UINT16 = new H5Type(Kind.UINT, 2);
    public static final H5Type UINT32 = new H5Type(Kind.UINT, 4);
    public static final H5Type UINT64 = new H5Type(Kind.UINT, 8);
    public static final H5Type FLOAT32 = new H5Type(Kind.FLOAT, 4);
    public static final H5Type FLOAT64 = new H5Type(Kind.FLOAT, 8);
    public static final H5Type BOOL = new H5Type(Kind.BOOL, 1);

    final Kind kind;
    final int size;

    private H5Type(Kind kind, int size) {
        this.kind = kind;
        this.size = size;
    }

    /** Fixed-length, null-padded UTF-8 strings of {@code bytes} bytes (at least 1). */
    public static H5Type string(int bytes) {
        return new H5Type(Kind.STRING, Math.max(1, bytes));
    }

    /** A string type wide enough for every value (UTF-8 byte length). */
    public static H5Type stringFor(String... values) {
        int max = 1;
        for (String v : values) {
            if (v != null) {
                max = Math.max(max, v.getBytes(StandardCharsets.UTF_8).length);
            }
        }
        return string(max);
    }

    /** The natural type of a 1-D primitive or String array. */
    public static H5Type ofArray(Object array) {
        return Encoding.typeOf(array);
    }

    public int size() {
        return size;
    }

    /** The datatype message body. */
    byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        switch (kind) {
            case INT, UINT -> {
                b.put((byte) (0x10)); // class 0, version 1
                b.put((byte) (kind == Kind.INT ? 0x08 : 0x00)); // little endian, signed bit
                b.put((byte) 0).put((byte) 0);
                b.putInt(size);
                b.putShort((short) 0).putShort((short) (size * 8));
            }
            case FLOAT -> {
                b.put((byte) 0x11); // class 1, version 1
                b.put((byte) 0x20); // little endian, mantissa normalisation "implied msb"
                b.put((byte) (size * 8 - 1)); // sign bit location
                b.put((byte) 0);
                b.putInt(size);
                b.putShort((short) 0).putShort((short) (size * 8));
                if (size == 4) {
                    b.put((byte) 23).put((byte) 8).put((byte) 0).put((byte) 23).putInt(127);
                } else {
                    b.put((byte) 52).put((byte) 11).put((byte) 0).put((byte) 52).putInt(1023);
                }
            }
            case STRING -> {
                b.put((byte) 0x13); // class 3, version 1
                b.put((byte) 0x11); // null-padded, UTF-8
                b.put((byte) 0).put((byte) 0);
                b.putInt(size);
            }
            case BOOL -> {
                b.put((byte) 0x38); // class 8 (enum), version 3: member names not padded
                b.putShort((short) 2); // two members
                b.put((byte) 0);
                b.putInt(1);
                b.put(INT8.encode());
                b.put("FALSE\0".getBytes(StandardCharsets.US_ASCII));
                b.put("TRUE\0".getBytes(StandardCharsets.US_ASCII));
                b.put((byte) 0).put((byte) 1);
            }
            default -> throw new IllegalStateException(kind.toString());
        }
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + (size * 8);
    }
}
