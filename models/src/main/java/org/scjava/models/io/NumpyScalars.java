package org.scjava.models.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * numpy scalars as pickled by numpy: {@code numpy.core.multiarray.scalar(numpy.dtype('i2', False, True) + BUILD
 * state, raw bytes)}. Geneformer's token dictionary holds {@code numpy.int16} values and its median dictionary
 * {@code numpy.float64} values in exactly this form. Re-implemented here (not executed) for numeric dtypes only.
 */
final class NumpyScalars {

    private NumpyScalars() {
    }

    /** {@code numpy.dtype(spec, align, copy)}: only the spec matters; byte order comes with BUILD. */
    static final PyGlobal DTYPE = args -> {
        if (args.length < 1 || !(args[0] instanceof String spec)) {
            throw new IllegalArgumentException("numpy.dtype expects a type string, got " + describe(args));
        }
        return new NumpyDtype(spec);
    };

    /** {@code numpy.core.multiarray.scalar(dtype, bytes)}. */
    static final PyGlobal SCALAR = args -> {
        if (args.length != 2 || !(args[0] instanceof NumpyDtype dtype)) {
            throw new IllegalArgumentException("numpy scalar expects (dtype, bytes), got " + describe(args));
        }
        byte[] raw = args[1] instanceof byte[] b ? b
                : args[1] instanceof String s ? s.getBytes(StandardCharsets.ISO_8859_1) : null;
        if (raw == null) {
            throw new IllegalArgumentException("numpy scalar payload must be bytes, got " + describe(args));
        }
        return dtype.decode(raw);
    };

    private static String describe(Object[] args) {
        StringBuilder sb = new StringBuilder("(");
        for (Object a : args) {
            sb.append(sb.length() > 1 ? ", " : "").append(a == null ? "None" : a.getClass().getSimpleName());
        }
        return sb.append(')').toString();
    }

    /** A numpy dtype object; BUILD supplies the byte order ({@code '<'}, {@code '>'}, {@code '|'}). */
    static final class NumpyDtype implements PyBuildable {
        private final String spec;
        private ByteOrder order = ByteOrder.LITTLE_ENDIAN;

        NumpyDtype(String spec) {
            this.spec = spec;
        }

        @Override
        public void setState(Object state) {
            if (state instanceof Object[] t && t.length > 1 && ">".equals(t[1])) {
                order = ByteOrder.BIG_ENDIAN;
            }
        }

        Object decode(byte[] raw) {
            DType t = DType.fromNumpy(spec);
            if (t == null) {
                throw new IllegalArgumentException("numpy scalar of dtype '" + spec + "' is not supported (numeric types only)");
            }
            if (raw.length != t.bytes()) {
                throw new IllegalArgumentException("numpy " + spec + " scalar needs " + t.bytes() + " bytes, got " + raw.length);
            }
            ByteBuffer b = ByteBuffer.wrap(raw).order(order);
            return switch (t) {
                case F64 -> b.getDouble();
                case F32 -> (double) b.getFloat();
                case F16 -> (double) Float.float16ToFloat(b.getShort());
                case I64 -> b.getLong();
                case I32 -> (long) b.getInt();
                case I16 -> (long) b.getShort();
                case I8 -> (long) b.get();
                case U8 -> (long) (b.get() & 0xff);
                case BOOL -> b.get() != 0;
                default -> throw new IllegalArgumentException("numpy scalar of dtype '" + spec + "' is not supported");
            };
        }
    }
}
