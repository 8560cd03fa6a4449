package org.scjava.dsl.io.h5ad;

import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.dataset.chunked.Chunk;
import io.jhdf.dataset.chunked.ChunkedDatasetBase;
import io.jhdf.storage.HdfBackingStorage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Where each chunk of a 1-D chunked dataset lies in the file, so chunks are read with one positional read into a
 * reused buffer. jHDF's {@code getRawChunkBuffer} memory-maps every chunk instead, and the mappings are only
 * released when the garbage collector finds the buffers: on a 100M-value X that was a third of the native time.
 *
 * <p>The addresses come from jHDF 0.13's chunk lookup ({@code ChunkedDatasetBase.getChunkLookup()}, protected, read
 * reflectively); when it is not there (another jHDF version), a chunk is missing or a chunk skipped a filter,
 * {@link #of} returns null and the caller uses jHDF's mapped buffers. ChunkLayoutTest pins that the lookup works.
 */
final class ChunkLayout {

    private static final Method LOOKUP = lookupMethod();
    private static final Map<ChunkedDataset, ChunkLayout> CACHE = Collections.synchronizedMap(new WeakHashMap<>());

    private final FileChannel channel;
    private final long[] position;
    private final int[] size;

    private ChunkLayout(FileChannel channel, long[] position, int[] size) {
        this.channel = channel;
        this.position = position;
        this.size = size;
    }

    private static Method lookupMethod() {
        try {
            Method m = ChunkedDatasetBase.class.getDeclaredMethod("getChunkLookup");
            m.setAccessible(true);
            return m;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** The layout of {@code ds} (computed once per dataset object), or null when only jHDF can read its chunks. */
    static ChunkLayout of(ChunkedDataset ds) {
        if (LOOKUP == null || !(ds instanceof ChunkedDatasetBase base) || ds.getDimensions().length != 1) {
            return null;
        }
        ChunkLayout cached = CACHE.get(ds);
        if (cached != null) {
            return cached;
        }
        ChunkLayout built = build(base);
        if (built != null) {
            CACHE.put(ds, built);
        }
        return built;
    }

    private static ChunkLayout build(ChunkedDatasetBase ds) {
        HdfBackingStorage storage = ds.getHdfFile().getHdfBackingStorage();
        FileChannel channel = storage.inMemory() ? null : storage.getFileChannel();
        if (channel == null) {
            return null;
        }
        Map<?, ?> lookup;
        try {
            lookup = (Map<?, ?>) LOOKUP.invoke(ds);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
        int chunk = ds.getChunkDimensions()[0];
        int chunks = Math.toIntExact((ds.getSize() + chunk - 1) / chunk);
        if (lookup.size() != chunks) {
            return null; // unwritten chunks (fill values): jHDF handles those
        }
        long base = storage.getSuperblock().getBaseAddressByte();
        long fileSize;
        try {
            fileSize = channel.size();
        } catch (IOException e) {
            return null;
        }
        long[] position = new long[chunks];
        int[] size = new int[chunks];
        for (Object o : lookup.values()) {
            Chunk c = (Chunk) o;
            long index = c.getChunkOffset()[0] / chunk;
            if (index < 0 || index >= chunks || !c.getFilterMask().isEmpty() || size[(int) index] != 0) {
                return null;
            }
            position[(int) index] = base + c.getAddress();
            size[(int) index] = c.getSize();
            if (c.getSize() < 0 || position[(int) index] < 0 || position[(int) index] + c.getSize() > fileSize) {
                throw new ParallelChunks.CorruptChunkException((int) index, "stored at bytes [" + position[(int) index]
                        + ", +" + c.getSize() + ") of a " + fileSize + "-byte file", null);
            }
        }
        return new ChunkLayout(channel, position, size);
    }

    /** Reads stored chunk {@code index} into {@code buffer} (grown as needed); returns the buffer's bytes. */
    ByteBuffer read(int index, byte[][] buffer) {
        int n = size[index];
        if (buffer[0].length < n) {
            buffer[0] = new byte[n + (n >> 3)];
        }
        ByteBuffer b = ByteBuffer.wrap(buffer[0], 0, n);
        try {
            long at = position[index];
            while (b.hasRemaining()) {
                int k = channel.read(b, at + b.position());
                if (k < 0) {
                    throw new IllegalStateException("chunk " + index + " ends past the end of the file");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read chunk " + index + ": " + e.getMessage(), e);
        }
        return b.flip();
    }
}
