package org.scjava.dsl.io.hdf5;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.zip.Deflater;

/**
 * Streams a chunked dataset: values are appended, each full chunk is (shuffled and) deflated and written, and the
 * fixed-array chunk index plus the object header are written at {@link #close()}. Full chunks are compressed on the
 * common pool, a few at a time, and written in order (deflate is the cost of writing an h5ad). Memory: a few chunks.
 * A dataset that ends up smaller than one chunk gets a chunk exactly its size (libhdf5 wants chunk ≤ dataset).
 */
public final class ChunkedWriter implements AutoCloseable {

    private final H5Dataset dataset;
    private final H5Writer writer;
    private final H5Type type;
    private final Storage storage;
    private final int rowWidth;
    private final boolean twoD;
    private final int chunkRows;
    private final int chunkElements;
    private final ByteBuffer buffer;
    private final Deflater deflater;
    private final ArrayDeque<CompletableFuture<byte[]>> inFlight = new ArrayDeque<>();
    private final int maxInFlight = 2 * Runtime.getRuntime().availableProcessors();
    private long singleChunkBytes = -1;
    private long[] addresses = new long[16];
    private long[] sizes = new long[16];
    private int chunks;
    private long appended;
    private boolean closed;

    ChunkedWriter(H5Dataset dataset, H5Writer writer, H5Type type, long[] dims, Storage storage) {
        this.dataset = dataset;
        this.writer = writer;
        this.type = type;
        this.storage = storage;
        this.rowWidth = dims.length == 2 ? Math.toIntExact(dims[1]) : 1;
        this.twoD = dims.length == 2;
        if (dims.length > 2) {
            throw new IllegalArgumentException(dataset.path() + ": chunked datasets must be 1-D or 2-D");
        }
        long knownRows = dims[0];
        int rows = Math.max(1, storage.chunkElements() / Math.max(1, rowWidth));
        if (knownRows > 0) {
            rows = (int) Math.min(rows, knownRows);
        }
        this.chunkRows = rows;
        this.chunkElements = Math.multiplyExact(chunkRows, Math.max(1, rowWidth));
        this.buffer = ByteBuffer.allocate(Math.multiplyExact(chunkElements, type.size)).order(ByteOrder.LITTLE_ENDIAN);
        this.deflater = storage.deflateLevel() > 0 ? new Deflater(storage.deflateLevel()) : null;
    }

    /** Appends elements [from, from+count) of a primitive or String array. */
    public ChunkedWriter append(Object array, int from, int count) {
        if (closed) {
            throw new IllegalStateException(dataset.path() + " is closed");
        }
        int done = 0;
        while (done < count) {
            int room = buffer.remaining() / type.size;
            int n = Math.min(room, count - done);
            Encoding.put(array, type, from + done, n, buffer);
            done += n;
            appended += n;
            if (!buffer.hasRemaining()) {
                flushChunk();
            }
        }
        return this;
    }

    /** Appends a whole array. */
    public ChunkedWriter append(Object array) {
        return append(array, 0, Encoding.length(array));
    }

    public long appended() {
        return appended;
    }

    public H5Dataset dataset() {
        return dataset;
    }

    private void flushChunk() {
        byte[] raw = buffer.array().clone();
        buffer.clear();
        if (deflater == null) {
            writeStored(storage.shuffle() ? shuffle(raw, type.size) : raw);
            return;
        }
        int level = storage.deflateLevel();
        boolean doShuffle = storage.shuffle();
        int size = type.size;
        inFlight.add(CompletableFuture.supplyAsync(
                () -> deflate(doShuffle ? shuffle(raw, size) : raw, DEFLATERS.get(), level)));
        while (inFlight.size() > maxInFlight) {
            writeStored(inFlight.removeFirst().join());
        }
    }

    private void drain() {
        while (!inFlight.isEmpty()) {
            writeStored(inFlight.removeFirst().join());
        }
    }

    private void writeStored(byte[] stored) {
        if (chunks == addresses.length) {
            addresses = Arrays.copyOf(addresses, chunks * 2);
            sizes = Arrays.copyOf(sizes, chunks * 2);
        }
        addresses[chunks] = writer.append(stored);
        sizes[chunks] = stored.length;
        chunks++;
    }

    /** One Deflater per pool thread and level. */
    private static final ThreadLocal<java.util.Map<Integer, Deflater>> DEFLATERS =
            ThreadLocal.withInitial(java.util.HashMap::new);

    private static byte[] deflate(byte[] in, java.util.Map<Integer, Deflater> perLevel, int level) {
        return deflate(in, perLevel.computeIfAbsent(level, Deflater::new));
    }

    private static byte[] deflate(byte[] in, Deflater deflater) {
        deflater.reset();
        deflater.setInput(in);
        deflater.finish();
        byte[] out = new byte[Math.max(64, in.length / 2)];
        int n = 0;
        while (!deflater.finished()) {
            if (n == out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            n += deflater.deflate(out, n, out.length - n);
        }
        return Arrays.copyOf(out, n);
    }

    static byte[] shuffle(byte[] in, int elementSize) {
        if (elementSize == 1) {
            return in;
        }
        int n = in.length / elementSize;
        byte[] out = new byte[in.length];
        for (int i = 0; i < n; i++) {
            for (int b = 0; b < elementSize; b++) {
                out[b * n + i] = in[i * elementSize + b];
            }
        }
        return out;
    }

    /** Flushes the last (zero-padded) chunk, writes the chunk index and finishes the dataset. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (appended % rowWidth != 0) {
            throw new IllegalStateException(dataset.path() + ": " + appended + " values is not a whole number of rows of "
                    + rowWidth);
        }
        long rows = appended / rowWidth;
        long[] dims = twoD ? new long[] {rows, rowWidth} : new long[] {rows};
        if (appended == 0) {
            deflater();
            dataset.finishChunked(dims, ObjectHeader.contiguousLayout(Bytes.UNDEFINED_ADDRESS, 0), null);
            return;
        }
        int[] chunkDims = twoD ? new int[] {chunkRows, rowWidth} : new int[] {chunkElements};
        drain(); // chunks still being compressed count as written
        if (chunks == 0) {
            // Fewer values than one chunk: shrink the chunk to the data (libhdf5 requires chunk dims <= dims).
            int n = (int) appended;
            byte[] exact = Arrays.copyOf(buffer.array(), n * type.size);
            buffer.clear();
            chunkDims = twoD ? new int[] {(int) rows, rowWidth} : new int[] {n};
            ByteBuffer b = ByteBuffer.wrap(exact);
            writeSingle(b);
        } else if (buffer.position() > 0) {
            while (buffer.hasRemaining()) {
                buffer.put((byte) 0);
            }
            flushChunk();
        }
        drain();
        deflater();
        long index = writeFixedArrayIndex(chunkDims);
        byte[] filters = storage.filtered()
                ? ObjectHeader.filterPipeline(storage.shuffle(), type.size, Math.max(storage.deflateLevel(), 0)) : null;
        if (storage.shuffle() && storage.deflateLevel() == 0) {
            throw new IllegalArgumentException("shuffle without deflate is not supported");
        }
        dataset.finishChunked(dims, ObjectHeader.chunkedLayout(chunkDims, type.size, pageBits(), index), filters);
    }

    private void writeSingle(ByteBuffer exact) {
        byte[] raw = exact.array();
        byte[] stored = storage.shuffle() ? shuffle(raw, type.size) : raw;
        if (deflater != null) {
            stored = deflate(stored, deflater);
        }
        addresses[0] = writer.append(stored);
        sizes[0] = stored.length;
        chunks = 1;
        singleChunkBytes = raw.length;
    }


    private void deflater() {
        if (deflater != null) {
            deflater.end();
        }
    }

    private int pageBits() {
        int bits = 10;
        while ((1L << bits) < chunks) {
            bits++;
        }
        return bits;
    }

    /** Fixed-array data block then header (HDF5 spec VII.C); returns the header address. */
    private long writeFixedArrayIndex(int[] chunkDims) {
        boolean filtered = storage.filtered();
        long chunkBytes = singleChunkBytes > 0 ? singleChunkBytes : (long) chunkElements * type.size;
        int sizeLen = Math.min(8, 1 + ((63 - Long.numberOfLeadingZeros(chunkBytes)) + 8) / 8);
        int entrySize = filtered ? 8 + sizeLen + 4 : 8;
        Bytes block = new Bytes();
        // The header follows the data block directly, so its address is known before either is written.
        long blockAddress = peekEof();
        int blockLength = 4 + 1 + 1 + 8 + chunks * entrySize + 4;
        long headerAddress = blockAddress + blockLength;
        block.ascii("FADB").u8(0).u8(filtered ? 1 : 0).u64(headerAddress);
        for (int i = 0; i < chunks; i++) {
            block.u64(addresses[i]);
            if (filtered) {
                block.uN(sizes[i], sizeLen).u32(0);
            }
        }
        block.checksum();
        long at = writer.append(block.toArray());
        if (at != blockAddress) {
            throw new IllegalStateException("chunk index written at an unexpected address");
        }
        Bytes header = new Bytes().ascii("FAHD").u8(0).u8(filtered ? 1 : 0).u8(entrySize).u8(pageBits())
                .u64(chunks).u64(blockAddress).checksum();
        return writer.append(header.toArray());
    }

    private long peekEof() {
        return writer.append(new byte[0]);
    }
}
