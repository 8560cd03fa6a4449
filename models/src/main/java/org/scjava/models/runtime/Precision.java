package org.scjava.models.runtime;

import java.util.Locale;

/**
 * The floating-point format a model's weights and activations use on its device. {@link #FP32} is the default and the
 * format every parity test holds to (≤ 1e-4 against the official implementation). The half formats store weights
 * and compute in 16 bits and hand results back as float32; they halve memory (twice the cells per batch) and run on
 * a GPU's tensor cores. Measured deviation of cell embeddings from fp32 on the test fixtures (libtorch 2.7.1, CPU;
 * {@code HalfPrecisionTest}): bf16 up to about 3e-2 and fp16 up to about 4e-3 in absolute value after layer
 * normalisation, with cosine similarity to the fp32 embedding above 0.999 — use them for embeddings and neighbours,
 * not where exact parity matters.
 */
public enum Precision {
    FP32(4), FP16(2), BF16(2);

    private final int bytes;

    Precision(int bytes) {
        this.bytes = bytes;
    }

    /** Parses "fp32"/"float32", "fp16"/"float16"/"half" or "bf16"/"bfloat16" (any case). */
    public static Precision parse(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "fp32", "float32", "float" -> FP32;
            case "fp16", "float16", "half" -> FP16;
            case "bf16", "bfloat16" -> BF16;
            default -> throw new IllegalArgumentException("unknown precision '" + s + "'; use fp32, fp16 or bf16");
        };
    }

    /** Bytes per stored value. */
    public int bytes() {
        return bytes;
    }

    /** "fp32", "fp16" or "bf16", as provenance records it. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
