package org.scjava.models.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * A dense, C-contiguous tensor in host memory as read from a checkpoint: element type, shape and little-endian bytes.
 * The bytes may be a memory-mapped view of a safetensors file or a buffer read from a torch zip. Conversions widen to
 * float32 / int64 in Java, so no half-precision array ever reaches native code.
 */
public final class HostTensor {

    private final DType dtype;
    private final long[] shape;
    private final ByteBuffer data;

    /** {@code data} holds exactly numel × dtype.bytes() little-endian bytes from position 0. */
    public HostTensor(DType dtype, long[] shape, ByteBuffer data) {
        this.dtype = dtype;
        this.shape = shape.clone();
        this.data = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long expected = numel(shape) * dtype.bytes();
        if (this.data.remaining() != expected) {
            throw new IllegalArgumentException("tensor " + dtype + Arrays.toString(shape) + " needs " + expected
                    + " bytes, got " + this.data.remaining());
        }
    }

    public static HostTensor ofFloats(long[] shape, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return new HostTensor(DType.F32, shape, b);
    }

    public static long numel(long[] shape) {
        long n = 1;
        for (long s : shape) {
            n = Math.multiplyExact(n, s);
        }
        return n;
    }

    public DType dtype() {
        return dtype;
    }

    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public long dim(int i) {
        return shape[i];
    }

    public long numel() {
        return numel(shape);
    }

    /** The raw little-endian bytes (a read-only view). */
    public ByteBuffer rawBytes() {
        return data.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    public String shapeString() {
        return Arrays.toString(shape);
    }

    /** The values widened to float32 (BF16/F16 converted bit-exactly, integers cast). */
    public float[] toFloatArray() {
        int n = Math.toIntExact(numel());
        float[] out = new float[n];
        ByteBuffer b = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        switch (dtype) {
            case F32 -> b.asFloatBuffer().get(out);
            case F64 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (float) b.getDouble(i * 8);
                }
            }
            case F16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Float.float16ToFloat(b.getShort(i * 2));
                }
            }
            case BF16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Float.intBitsToFloat((b.getShort(i * 2) & 0xffff) << 16);
                }
            }
            default -> {
                long[] l = toLongArray();
                for (int i = 0; i < n; i++) {
                    out[i] = l[i];
                }
            }
        }
        return out;
    }

    /** A direct float32 buffer of the values, converting only when the stored type is not F32. */
    public FloatBuffer toDirectFloats() {
        ByteBuffer out = ByteBuffer.allocateDirect(Math.toIntExact(numel() * 4)).order(ByteOrder.nativeOrder());
        if (dtype == DType.F32) {
            ByteBuffer src = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
                out.put(src);
            } else {
                out.asFloatBuffer().put(src.asFloatBuffer());
            }
            out.clear();
            return out.asFloatBuffer();
        }
        FloatBuffer fb = out.asFloatBuffer();
        fb.put(toFloatArray());
        fb.clear();
        return fb;
    }

    /** The values as int64 (integers sign-extended, booleans 0/1, floats truncated toward zero). */
    public long[] toLongArray() {
        int n = Math.toIntExact(numel());
        long[] out = new long[n];
        ByteBuffer b = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            out[i] = switch (dtype) {
                case I64 -> b.getLong(i * 8);
                case I32 -> b.getInt(i * 4);
                case I16 -> b.getShort(i * 2);
                case I8 -> b.get(i);
                case U8, BOOL -> b.get(i) & 0xff;
                default -> (long) floatAt(b, i);
            };
        }
        return out;
    }

    private float floatAt(ByteBuffer b, int i) {
        return switch (dtype) {
            case F32 -> b.getFloat(i * 4);
            case F64 -> (float) b.getDouble(i * 8);
            case F16 -> Float.float16ToFloat(b.getShort(i * 2));
            case BF16 -> Float.intBitsToFloat((b.getShort(i * 2) & 0xffff) << 16);
            default -> throw new IllegalStateException(dtype.toString());
        };
    }

    /** Rows of a 2-D tensor as float32 arrays. */
    public float[][] toFloatMatrix() {
        if (shape.length != 2) {
            throw new IllegalStateException("not a matrix: shape " + shapeString());
        }
        float[] flat = toFloatArray();
        int r = (int) shape[0];
        int c = (int) shape[1];
        float[][] out = new float[r][];
        for (int i = 0; i < r; i++) {
            out[i] = Arrays.copyOfRange(flat, i * c, (i + 1) * c);
        }
        return out;
    }

    @Override
    public String toString() {
        return "HostTensor" + "(" + dtype + ", " + shapeString() + ")";
    }
}
