package org.scjava.dsl.io.h5ad;

import io.jhdf.exceptions.HdfFilterException;
import io.jhdf.filter.BitShuffleFilter;
import io.jhdf.filter.Filter;
import io.jhdf.filter.FilterManager;
import io.jhdf.filter.Lz4Filter;
import io.jhdf.filter.LzfFilter;
import org.scjava.dsl.io.ReadLimits;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * jHDF's decompression filters with their output bounded, installed in place of jHDF's own (through its public
 * {@link FilterManager#addFilter}). jHDF's deflate filter inflates a chunk until the stream ends, so one chunk of a
 * few kilobytes that inflates to gigabytes (a decompression bomb) exhausts the heap; its LZF and LZ4 filters allocate
 * whatever size the chunk's own header declares. Here every decode is refused past a bound.
 *
 * <p>The bound is the largest chunk ({@link #allowChunk}) that {@link Hdf5Guard} admitted in this JVM (at least
 * 1 MiB): jHDF decodes chunks on its own thread pool without saying which dataset a chunk belongs to, so the exact
 * per-dataset bound is applied where scjava decodes chunks itself ({@link ParallelChunks}, the path every 1-D
 * numeric dataset takes) and this bound keeps memory within what an admitted dataset may legitimately use anywhere
 * else. Every admitted chunk size is within the memory budget, so the bound is too.
 */
final class BoundedFilters {

    private static final long FLOOR = 1L << 20;
    private static final AtomicLong LARGEST_CHUNK = new AtomicLong(FLOOR);

    static {
        FilterManager.addFilter(new BoundedDeflate());
        FilterManager.addFilter(new HeaderChecked(new LzfFilter(), BoundedFilters::lzfDeclared));
        FilterManager.addFilter(new HeaderChecked(new Lz4Filter(), (data, params) -> leadingLong(data)));
        FilterManager.addFilter(new HeaderChecked(new BitShuffleFilter(), BoundedFilters::bitshuffleDeclared));
    }

    private BoundedFilters() {
    }

    /** Installs the bounded filters (once; later calls do nothing). */
    static void install() {
        // the static initialiser does the work
    }

    /** Raises the decode bound to {@code chunkBytes} (a chunk size the guard has checked against the budget). */
    static void allowChunk(long chunkBytes) {
        LARGEST_CHUNK.accumulateAndGet(Math.min(chunkBytes, ReadLimits.maxElementBytes()), Math::max);
    }

    static long bound() {
        return LARGEST_CHUNK.get();
    }

    private static HdfFilterException tooLarge(String filter, long size) {
        return new HdfFilterException("a chunk " + (size < 0 ? "inflates past" : "declares " + size + " decoded bytes, "
                + "more than") + " the largest chunk size any dataset declares (" + bound() + " bytes) in the " + filter
                + " filter: a corrupt chunk or a decompression bomb");
    }

    /** Deflate (filter 1) with the output bounded. */
    static final class BoundedDeflate implements Filter {
        @Override
        public int getId() {
            return 1;
        }

        @Override
        public String getName() {
            return "deflate (bounded)";
        }

        @Override
        public byte[] decode(byte[] encoded, int[] filterData) {
            long limit = bound();
            Inflater inflater = new Inflater();
            try {
                inflater.setInput(encoded);
                ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(encoded.length * 3 + 64, 1 << 20));
                byte[] buffer = new byte[8192];
                while (!inflater.finished()) {
                    int n = inflater.inflate(buffer);
                    if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                        throw new HdfFilterException("deflate stream ends early (truncated chunk)");
                    }
                    if (out.size() + (long) n > limit) {
                        throw tooLarge("deflate", -1);
                    }
                    out.write(buffer, 0, n);
                }
                return out.toByteArray();
            } catch (DataFormatException e) {
                throw new HdfFilterException("corrupt deflate stream: " + e.getMessage(), e);
            } finally {
                inflater.end();
            }
        }
    }

    /** The decoded size a filter's input declares, before the filter allocates it. */
    private interface DeclaredSize {
        long of(byte[] encoded, int[] filterData);
    }

    /** A jHDF filter whose declared output size is checked against the bound before it allocates. */
    static final class HeaderChecked implements Filter {
        private final Filter delegate;
        private final DeclaredSize declared;

        HeaderChecked(Filter delegate, DeclaredSize declared) {
            this.delegate = delegate;
            this.declared = declared;
        }

        @Override
        public int getId() {
            return delegate.getId();
        }

        @Override
        public String getName() {
            return delegate.getName() + " (bounded)";
        }

        @Override
        public byte[] decode(byte[] encoded, int[] filterData) {
            long size = declared.of(encoded, filterData);
            if (size < 0 || size > bound()) {
                throw tooLarge(delegate.getName(), size < 0 ? Long.MAX_VALUE : size);
            }
            byte[] out = delegate.decode(encoded, filterData);
            if (out.length > bound()) {
                throw tooLarge(delegate.getName(), out.length);
            }
            return out;
        }
    }

    /** LZF keeps the decoded chunk size in its third filter parameter. */
    private static long lzfDeclared(byte[] encoded, int[] params) {
        if (params.length < 3) {
            throw new HdfFilterException("LZF filter without its chunk-size parameter");
        }
        return params[2] & 0xffffffffL;
    }

    /** HDF5's LZ4 and bitshuffle+LZ4 formats start with the decoded size as a big-endian 64-bit integer. */
    private static long leadingLong(byte[] encoded) {
        if (encoded.length < 8) {
            throw new HdfFilterException("compressed chunk shorter than its 8-byte size header");
        }
        return ByteBuffer.wrap(encoded).getLong();
    }

    private static long bitshuffleDeclared(byte[] encoded, int[] params) {
        if (params.length < 5) {
            throw new HdfFilterException("bitshuffle filter without its parameters");
        }
        return params[4] == 2 ? leadingLong(encoded) : encoded.length;
    }
}
