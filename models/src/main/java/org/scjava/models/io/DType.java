package org.scjava.models.io;

import java.util.Locale;

/**
 * Element types found in torch checkpoints, safetensors files and numpy arrays. Every floating type can be widened
 * to float32 on the host ({@link HostTensor#toFloatArray()}); half-precision types must be, because BF16/F16 arrays
 * handed to libtorch through DJL crash native code on CPU.
 */
public enum DType {
    F64(8, true), F32(4, true), F16(2, true), BF16(2, true),
    I64(8, false), I32(4, false), I16(2, false), I8(1, false), U8(1, false), BOOL(1, false);

    private final int bytes;
    private final boolean floating;

    DType(int bytes, boolean floating) {
        this.bytes = bytes;
        this.floating = floating;
    }

    public int bytes() {
        return bytes;
    }

    public boolean isFloating() {
        return floating;
    }

    /** The safetensors header name ("F32", "BF16", "I64", ...); null for an unknown name. */
    public static DType fromSafetensors(String name) {
        return switch (name) {
            case "F64" -> F64;
            case "F32" -> F32;
            case "F16" -> F16;
            case "BF16" -> BF16;
            case "I64" -> I64;
            case "I32" -> I32;
            case "I16" -> I16;
            case "I8" -> I8;
            case "U8" -> U8;
            case "BOOL" -> BOOL;
            default -> null;
        };
    }

    /** The torch storage class name ("FloatStorage", "BFloat16Storage", ...); null for an unknown name. */
    public static DType fromTorchStorage(String storageClass) {
        return switch (storageClass) {
            case "DoubleStorage" -> F64;
            case "FloatStorage" -> F32;
            case "HalfStorage" -> F16;
            case "BFloat16Storage" -> BF16;
            case "LongStorage" -> I64;
            case "IntStorage" -> I32;
            case "ShortStorage" -> I16;
            case "CharStorage" -> I8;
            case "ByteStorage", "UntypedStorage" -> U8;
            case "BoolStorage" -> BOOL;
            default -> null;
        };
    }

    /** A numpy dtype string without byte order ("f4", "i8", "b1", ...); null for an unsupported one. */
    public static DType fromNumpy(String kindAndSize) {
        return switch (kindAndSize.toLowerCase(Locale.ROOT)) {
            case "f8" -> F64;
            case "f4" -> F32;
            case "f2" -> F16;
            case "i8" -> I64;
            case "i4" -> I32;
            case "i2" -> I16;
            case "i1" -> I8;
            case "u1" -> U8;
            case "b1" -> BOOL;
            default -> null;
        };
    }
}
