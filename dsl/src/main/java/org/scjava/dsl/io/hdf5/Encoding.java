package org.scjava.dsl.io.hdf5;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Element encoding of Java arrays and scalars into HDF5 little-endian bytes. */
final class Encoding {

    private Encoding() {
    }

    /** The natural HDF5 type of a 1-D Java array or a boxed scalar. */
    static H5Type typeOf(Object value) {
        if (value instanceof float[] || value instanceof Float) {
            return H5Type.FLOAT32;
        } else if (value instanceof double[] || value instanceof Double) {
            return H5Type.FLOAT64;
        } else if (value instanceof int[] || value instanceof Integer) {
            return H5Type.INT32;
        } else if (value instanceof long[] || value instanceof Long) {
            return H5Type.INT64;
        } else if (value instanceof short[] || value instanceof Short) {
            return H5Type.INT16;
        } else if (value instanceof byte[] || value instanceof Byte) {
            return H5Type.INT8;
        } else if (value instanceof boolean[] || value instanceof Boolean) {
            return H5Type.BOOL;
        } else if (value instanceof String[] s) {
            return H5Type.stringFor(s);
        } else if (value instanceof String s) {
            return H5Type.stringFor(s);
        }
        throw new IllegalArgumentException("no HDF5 type for " + value.getClass().getName());
    }

    static int length(Object array) {
        return java.lang.reflect.Array.getLength(array);
    }

    /** Wraps a scalar into a one-element array of its primitive type. */
    static Object scalarArray(Object v) {
        if (v instanceof Float f) {
            return new float[] {f};
        } else if (v instanceof Double d) {
            return new double[] {d};
        } else if (v instanceof Integer i) {
            return new int[] {i};
        } else if (v instanceof Long l) {
            return new long[] {l};
        } else if (v instanceof Short s) {
            return new short[] {s};
        } else if (v instanceof Byte b) {
            return new byte[] {b};
        } else if (v instanceof Boolean b) {
            return new boolean[] {b};
        } else if (v instanceof String s) {
            return new String[] {s};
        }
        throw new IllegalArgumentException("no HDF5 scalar for " + v.getClass().getName());
    }

    /** Encodes elements [from, from+count) of {@code array} as {@code type} into {@code out}. */
    static void put(Object array, H5Type type, int from, int count, ByteBuffer out) {
        out.order(ByteOrder.LITTLE_ENDIAN);
        int to = from + count;
        switch (array) {
            case float[] a -> {
                if (type.kind != H5Type.Kind.FLOAT) {
                    throw mismatch(array, type);
                }
                if (type.size == 4) {
                    out.asFloatBuffer().put(a, from, count);
                    out.position(out.position() + 4 * count);
                } else {
                    for (int i = from; i < to; i++) {
                        out.putDouble(a[i]);
                    }
                }
            }
            case double[] a -> {
                if (type.kind != H5Type.Kind.FLOAT) {
                    throw mismatch(array, type);
                }
                if (type.size == 8) {
                    out.asDoubleBuffer().put(a, from, count);
                    out.position(out.position() + 8 * count);
                } else {
                    for (int i = from; i < to; i++) {
                        out.putFloat((float) a[i]);
                    }
                }
            }
            case int[] a -> putInts(a, type, from, count, out);
            case long[] a -> {
                for (int i = from; i < to; i++) {
                    putInteger(a[i], type, out);
                }
            }
            case short[] a -> {
                for (int i = from; i < to; i++) {
                    putInteger(a[i], type, out);
                }
            }
            case byte[] a -> {
                for (int i = from; i < to; i++) {
                    putInteger(a[i], type, out);
                }
            }
            case boolean[] a -> {
                for (int i = from; i < to; i++) {
                    out.put((byte) (a[i] ? 1 : 0));
                }
            }
            case String[] a -> {
                if (type.kind != H5Type.Kind.STRING) {
                    throw mismatch(array, type);
                }
                for (int i = from; i < to; i++) {
                    byte[] s = a[i] == null ? new byte[0] : a[i].getBytes(StandardCharsets.UTF_8);
                    if (s.length > type.size) {
                        throw new IllegalArgumentException("string " + i + " has " + s.length + " UTF-8 bytes, type holds " + type.size);
                    }
                    out.put(s);
                    for (int p = s.length; p < type.size; p++) {
                        out.put((byte) 0);
                    }
                }
            }
            default -> throw new IllegalArgumentException("cannot encode " + array.getClass().getName());
        }
    }

    private static void putInts(int[] a, H5Type type, int from, int count, ByteBuffer out) {
        if (type.size == 4 && type.kind != H5Type.Kind.FLOAT) {
            out.asIntBuffer().put(a, from, count);
            out.position(out.position() + 4 * count);
            return;
        }
        if (type.kind == H5Type.Kind.FLOAT) {
            for (int i = from; i < from + count; i++) {
                if (type.size == 4) {
                    out.putFloat(a[i]);
                } else {
                    out.putDouble(a[i]);
                }
            }
            return;
        }
        for (int i = from; i < from + count; i++) {
            putInteger(a[i], type, out);
        }
    }

    private static void putInteger(long v, H5Type type, ByteBuffer out) {
        if (type.kind != H5Type.Kind.INT && type.kind != H5Type.Kind.UINT) {
            throw new IllegalArgumentException("integer value for a " + type + " dataset");
        }
        switch (type.size) {
            case 1 -> out.put((byte) v);
            case 2 -> out.putShort((short) v);
            case 4 -> out.putInt((int) v);
            default -> out.putLong(v);
        }
    }

    private static IllegalArgumentException mismatch(Object array, H5Type type) {
        return new IllegalArgumentException("cannot store " + array.getClass().getSimpleName() + " as " + type);
    }

    /** Encodes a whole (small) array or scalar to a byte array. */
    static byte[] bytes(Object array, H5Type type) {
        int n = length(array);
        ByteBuffer b = ByteBuffer.allocate(n * type.size).order(ByteOrder.LITTLE_ENDIAN);
        put(array, type, 0, n, b);
        return b.array();
    }
}
