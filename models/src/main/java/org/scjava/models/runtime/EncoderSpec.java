package org.scjava.models.runtime;

/**
 * The shape of a post-LayerNorm transformer encoder and how its input embedding is formed.
 *
 * @param input     {@link InputStyle#SCGPT}: gene embedding + value encoder; {@link InputStyle#BERT}: word + position +
 *                  token-type embeddings
 * @param dModel    hidden size
 * @param heads     attention heads (dModel must divide evenly)
 * @param layers    encoder layers
 * @param ffn       feed-forward inner size
 * @param eps       LayerNorm epsilon (1e-5 scGPT, 1e-12 Geneformer)
 * @param gelu      GELU instead of ReLU in the feed-forward block
 * @param maxLength longest sequence the model accepts (position table size for BERT), or 0 for no limit
 */
public record EncoderSpec(InputStyle input, int dModel, int heads, int layers, int ffn, double eps, boolean gelu,
                          int maxLength) {

    /** How token ids (and values) become the encoder input. */
    public enum InputStyle { SCGPT, BERT }

    public EncoderSpec {
        if (dModel <= 0 || heads <= 0 || dModel % heads != 0) {
            throw new IllegalArgumentException("hidden size " + dModel + " must be a positive multiple of heads " + heads);
        }
        if (layers <= 0 || ffn <= 0) {
            throw new IllegalArgumentException("layers and ffn must be positive, got " + layers + ", " + ffn);
        }
    }

    /** Multiply-adds ×2 of one forward pass over a sequence of {@code len} tokens (matmuls only). */
    public double flops(int len) {
        double perTokenPerLayer = 2.0 * (4.0 * dModel * dModel + 2.0 * dModel * ffn);
        double attention = 4.0 * len * (double) len * dModel;
        return layers * (len * perTokenPerLayer + attention);
    }
}
