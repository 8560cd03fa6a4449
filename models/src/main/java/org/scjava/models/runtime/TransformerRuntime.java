package org.scjava.models.runtime;

import org.scjava.models.api.CellTokens;

import java.util.List;

/**
 * Runs an encoder over one batch of cells. Implementations own native memory (weights on the device) and must be
 * closed; each batch uses its own scratch memory that is released before {@link #forward} returns.
 */
public interface TransformerRuntime extends RuntimeHandle {

    /**
     * Hidden states for the cells of one batch, unpadded: {@code result[cell][k][token][dim]}, where k runs over the
     * true entries of {@code hidden} (index 0 = encoder input, i = after layer i), followed, when {@code inputParts}
     * is set and the model has them, by the two halves of the input embedding (scGPT: gene part, value part).
     */
    float[][][][] forward(List<CellTokens> cells, boolean[] hidden, boolean inputParts);

    /**
     * Returns device memory the engine keeps cached from earlier batches to the driver, so that the memory guard
     * sees it as free (libtorch's CUDA caching allocator); nothing to do on the CPU.
     */
    default void releaseCachedMemory() {
    }
}
