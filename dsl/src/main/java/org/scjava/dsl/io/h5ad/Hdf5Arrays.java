package org.scjava.dsl.io.h5ad;

import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.BitField;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.EnumDataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.StringData;
import io.jhdf.object.datatype.VariableLength;

import java.lang.reflect.Array;

/**
 * Conversions between what jHDF returns (primitive arrays of the stored type, String[] for strings and enums) and
 * the types scjava keeps, with numpy dtype names for round-tripping.
 */
public final class Hdf5Arrays {

    private Hdf5Arrays() {
    }

    /** numpy-style dtype name of a dataset: int8..uint64, float16/32/64, bool (h5py's enum), str. */
    public static String dtype(Dataset ds) {
        return dtype(ds.getDataType());
    }

    public static String dtype(DataType t) {
        if (t instanceof FixedPoint fp) {
            return (fp.isSigned() ? "int" : "uint") + (fp.getSize() * 8);
        } else if (t instanceof FloatingPoint f) {
            return "float" + (f.getSize() * 8);
        } else if (t instanceof EnumDataType e) {
            return isBoolEnum(e) ? "bool" : "enum";
        } else if (t instanceof BitField) {
            return "bool";
        } else if (t instanceof StringData) {
            return "str";
        } else if (t instanceof VariableLength v) {
            return v.getJavaType() == String.class ? "str" : "vlen";
        }
        return t.getClass().getSimpleName();
    }

    public static boolean isString(Dataset ds) {
        return "str".equals(dtype(ds));
    }

    public static boolean isNumericOrBool(Dataset ds) {
        String d = dtype(ds);
        return d.startsWith("int") || d.startsWith("uint") || d.startsWith("float") || d.equals("bool");
    }

    private static boolean isBoolEnum(EnumDataType e) {
        var m = e.getEnumMapping();
        return m.size() == 2 && "FALSE".equals(m.get(0)) && "TRUE".equals(m.get(1));
    }

    /** The whole dataset flattened; h5py bool enums become boolean[]. */
    public static Object readFlat(Dataset ds) {
        if (!ds.isScalar() && ds.getSize() == 0) {
            return emptyOf(ds); // jHDF returns Object[] for empty datasets
        }
        Object fast = ds.isScalar() ? null : ParallelChunks.read(ds);
        if (fast != null) {
            return fast;
        }
        Object data = ds.isScalar() ? ds.getData() : ds.getDataFlat();
        return normalise(ds, data);
    }

    /** A zero-length array of the dataset's Java element type (boolean[] for h5py booleans). */
    private static Object emptyOf(Dataset ds) {
        String d = dtype(ds);
        if (d.equals("bool")) {
            return new boolean[0];
        }
        if (d.equals("str")) {
            return new String[0];
        }
        Class<?> t = ds.getJavaType();
        return java.lang.reflect.Array.newInstance(t.isPrimitive() ? t : Object.class, 0);
    }

    /** The whole numeric dataset as float32 (integers converted while decoding, without an intermediate array). */
    public static float[] readFloats(Dataset ds) {
        float[] fast = ds.isScalar() ? null : ParallelChunks.readFloats(ds);
        return fast != null ? fast : toFloat(readFlat(ds));
    }

    /** A slice of a 1-D numeric dataset as float32. */
    public static float[] readFloatSlice(Dataset ds, long offset, int length) {
        float[] fast = length == 0 ? null : ParallelChunks.readFloats(ds, offset, length);
        return fast != null ? fast : toFloat(readSlice(ds, offset, length));
    }

    /** A slice of a 1-D dataset. */
    public static Object readSlice(Dataset ds, long offset, int length) {
        if (length == 0) {
            return Array.newInstance(ds.getJavaType() == String.class ? String.class : ds.getJavaType(), 0);
        }
        Object fast = ParallelChunks.read(ds, offset, length);
        if (fast != null) {
            return fast;
        }
        Object data = ds.getData(new long[] {offset}, new int[] {length});
        return normalise(ds, data);
    }

    private static Object normalise(Dataset ds, Object data) {
        if (ds.getDataType() instanceof EnumDataType && "bool".equals(dtype(ds)) && data instanceof String[] names) {
            boolean[] out = new boolean[names.length];
            for (int i = 0; i < names.length; i++) {
                out[i] = "TRUE".equals(names[i]);
            }
            return out;
        }
        return data;
    }

    public static float[] toFloat(Object a) {
        if (a instanceof float[] f) {
            return f;
        }
        int n = Array.getLength(a);
        float[] out = new float[n];
        if (a instanceof int[] v) {
            for (int i = 0; i < n; i++) {
                out[i] = v[i];
            }
        } else if (a instanceof double[] v) {
            for (int i = 0; i < n; i++) {
                out[i] = (float) v[i];
            }
        } else if (a instanceof long[] v) {
            for (int i = 0; i < n; i++) {
                out[i] = v[i];
            }
        } else if (a instanceof short[] v) {
            for (int i = 0; i < n; i++) {
                out[i] = v[i];
            }
        } else if (a instanceof byte[] v) {
            for (int i = 0; i < n; i++) {
                out[i] = v[i];
            }
        } else if (a instanceof boolean[] v) {
            for (int i = 0; i < n; i++) {
                out[i] = v[i] ? 1f : 0f;
            }
        } else {
            throw new IllegalArgumentException("expected a numeric array, found " + a.getClass().getSimpleName());
        }
        return out;
    }

    public static double[] toDouble(Object a) {
        if (a instanceof double[] d) {
            return d;
        }
        float[] f = a instanceof float[] ff ? ff : null;
        int n = Array.getLength(a);
        double[] out = new double[n];
        if (f != null) {
            for (int i = 0; i < n; i++) {
                out[i] = f[i];
            }
            return out;
        }
        long[] l = toLong(a);
        for (int i = 0; i < n; i++) {
            out[i] = l[i];
        }
        return out;
    }

    public static long[] toLong(Object a) {
        if (a instanceof long[] l) {
            return l;
        }
        int n = Array.getLength(a);
        long[] out = new long[n];
        if (a instanceof int[] v) {
            for (int i = 0; i < n; i++) {
                out[i] = v[i];
            }
        } else if (a instanceof short[] v) {
            for (int i = 0; i < n; i++) {
                out[i] = v[i];
            }
        } else if (a instanceof byte[] v) {
            for (int i = 0; i < n; i++) {
                out[i] = v[i];
            }
        } else {
            throw new IllegalArgumentException("expected an integer array, found " + a.getClass().getSimpleName());
        }
        return out;
    }

    /** Integer array to int[], refusing values that do not fit. */
    public static int[] toInt(Object a) {
        if (a instanceof int[] i) {
            return i;
        }
        long[] l = toLong(a);
        int[] out = new int[l.length];
        for (int i = 0; i < l.length; i++) {
            if (l[i] < Integer.MIN_VALUE || l[i] > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("value " + l[i] + " at position " + i + " does not fit in int32");
            }
            out[i] = (int) l[i];
        }
        return out;
    }

    /** String attribute value or {@code fallback} when absent; arrays of one string are unwrapped. */
    public static String stringAttr(Node node, String name, String fallback) {
        Attribute a = node.getAttribute(name);
        if (a == null) {
            return fallback;
        }
        Object v = a.getData();
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof String[] arr && arr.length == 1) {
            return arr[0];
        }
        return String.valueOf(v);
    }

    /** String-array attribute (e.g. column-order); empty when absent or stored as an empty float array. */
    public static String[] stringArrayAttr(Node node, String name) {
        Attribute a = node.getAttribute(name);
        if (a == null) {
            return new String[0];
        }
        Object v = a.getData();
        if (v instanceof String[] s) {
            return s;
        }
        if (v instanceof String s) {
            return new String[] {s};
        }
        if (v == null || v.getClass().isArray() && Array.getLength(v) == 0) {
            return new String[0]; // an empty attribute array (jHDF returns null for a zero-length one)
        }
        throw new IllegalArgumentException("attribute '" + name + "' should hold strings, found " + v);
    }

    /** Integer attribute array (e.g. the shape of a sparse matrix). */
    public static long[] longArrayAttr(Node node, String name) {
        Attribute a = node.getAttribute(name);
        if (a == null) {
            return null;
        }
        Object v = a.getData();
        if (v instanceof Number n) {
            return new long[] {n.longValue()};
        }
        return toLong(v);
    }

    public static boolean boolAttr(Node node, String name, boolean fallback) {
        Attribute a = node.getAttribute(name);
        if (a == null) {
            return fallback;
        }
        Object v = a.getData();
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.longValue() != 0;
        }
        if (v instanceof String s) {
            return "TRUE".equalsIgnoreCase(s) || "true".equals(s);
        }
        if (v instanceof boolean[] b && b.length == 1) {
            return b[0];
        }
        return fallback;
    }

    /** Throws when a decoded string holds U+FFFD, i.e. its bytes were not valid UTF-8. */
    public static void requireUtf8(String[] values, ReadContext ctx, Node node) {
        for (int i = 0; i < values.length; i++) {
            String s = values[i];
            if (s != null && s.indexOf('\uFFFD') >= 0) {
                throw ctx.error(node, "string " + i + " is not valid UTF-8 (decoded as \"" + abbreviate(s)
                        + "\"); h5ad strings must be UTF-8 encoded");
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
