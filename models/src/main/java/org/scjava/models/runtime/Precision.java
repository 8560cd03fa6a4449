package org.scjava.models.runtime;

import java.util.Locale;

/**
 * The floating-point format a model's weights and activations use on its device. {@link #FP32} is the default and the
 * format every parity test holds to (≤ 1e-4 against the official implementation). The half formats store weights
 * and compute in 16 bits and hand results back as float32; they halve memory (twice the cells per batch) and run on
 * a GPU's tensor cores. Parity tolerance, per cell embedding against fp32: relative L2 error ≤ 1e-2 for fp16 and
 * ≤ 5e-2 for bf16, cosine similarity ≥ 0.999 ({@code HalfPrecisionTest}; measured on the scGPT and Geneformer test
 * fixtures with libtorch 2.7.1 on the CPU: fp16 at most 6.7e-3 relative (cosine ≥ 0.99997), bf16 at most 3.9e-2
 * (cosine ≥ 0.99925)). Use them for embeddings, neighbours and clustering, not where exact parity with the official
 * implementation matters. Half precision applies to the scGPT and Geneformer encoders; the other models compute in
 * fp32 and say so.
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
