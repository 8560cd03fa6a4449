package org.scjava.models.io;

import java.nio.ByteBuffer;
import java.util.function.Supplier;

/**
 * A torch storage named by a persistent id in a checkpoint pickle: element type, element count and a loader for its
 * bytes (read once, on first use, so tied weights sharing a storage are read once). {@code elementOffset} is non-zero
 * only for the views of old non-zip checkpoints.
 */
final class TorchStorage {

    private final String key;
    private final DType dtype;
    private final long numel;
    private final long elementOffset;
    private final Supplier<ByteBuffer> loader;
    private ByteBuffer bytes;

    TorchStorage(String key, DType dtype, long numel, long elementOffset, Supplier<ByteBuffer> loader) {
        this.key = key;
        this.dtype = dtype;
        this.numel = numel;
        this.elementOffset = elementOffset;
        this.loader = loader;
    }

    String key() {
        return key;
    }

    DType dtype() {
        return dtype;
    }

    long numel() {
        return numel;
    }

    long elementOffset() {
        return elementOffset;
    }

    /** A view of this storage starting {@code offset} elements in (old torch files' storage views). */
    TorchStorage view(String viewKey, long offset, long viewNumel) {
        return new TorchStorage(viewKey, dtype, viewNumel, elementOffset + offset, this::bytes);
    }

    synchronized ByteBuffer bytes() {
        if (bytes == null) {
            bytes = loader.get();
        }
        return bytes.duplicate();
    }
}
