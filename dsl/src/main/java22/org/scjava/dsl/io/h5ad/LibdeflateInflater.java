package org.scjava.dsl.io.h5ad;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;

/**
 * {@link ChunkInflater} over libdeflate (Eric Biggers, MIT; Debian {@code libdeflate0}) through the JDK's
 * foreign-function API. Compiled with release 22 from src/main/java22 and loaded only on JDK 22+, so the rest of scjava
 * stays Java 21. One decompressor per thread, freed by a Cleaner when the thread's holder goes away. Chunk bytes are
 * passed without copying: jHDF's mapped chunk buffers as they are, the output array through a critical (heap-access)
 * downcall, which is fine for calls that take microseconds and never call back.
 */
@SuppressWarnings("restricted")
final class LibdeflateInflater implements ChunkInflater {

    private static final Cleaner CLEANER = Cleaner.create();
    private static final String[] LIBRARY_NAMES = {"libdeflate.so.0", System.mapLibraryName("deflate"), "libdeflate.0.dylib"};

    private final MethodHandle alloc;
    private final MethodHandle free;
    private final MethodHandle zlibDecompress;
    private final ThreadLocal<Decompressor> perThread;

    /** Owns one native decompressor. */
    private static final class Decompressor {
        final MemorySegment handle;

        Decompressor(MemorySegment handle) {
            this.handle = handle;
        }
    }

    LibdeflateInflater() {
        Linker linker = Linker.nativeLinker();
        SymbolLookup lib = lookup();
        alloc = linker.downcallHandle(lib.find("libdeflate_alloc_decompressor").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.ADDRESS));
        free = linker.downcallHandle(lib.find("libdeflate_free_decompressor").orElseThrow(),
                FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));
        // enum libdeflate_result libdeflate_zlib_decompress(d, const void *in, size_t in_nbytes, void *out,
        //                                                   size_t out_nbytes_avail, size_t *actual_out_nbytes_ret)
        zlibDecompress = linker.downcallHandle(lib.find("libdeflate_zlib_decompress").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                        ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS),
                Linker.Option.critical(true));
        perThread = ThreadLocal.withInitial(this::newDecompressor);
        // Fail now (and fall back to zlib) rather than on the first chunk if the library cannot decompress.
        inflate(ByteBuffer.wrap(new byte[] {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01}), new byte[1], 1);
    }

    private static SymbolLookup lookup() {
        IllegalArgumentException last = null;
        for (String name : LIBRARY_NAMES) {
            try {
                return SymbolLookup.libraryLookup(name, Arena.global());
            } catch (IllegalArgumentException e) {
                last = e;
            }
        }
        throw new IllegalStateException("libdeflate not found (Debian: apt-get install libdeflate0)", last);
    }

    private Decompressor newDecompressor() {
        try {
            MemorySegment d = (MemorySegment) alloc.invokeExact();
            if (d.equals(MemorySegment.NULL)) {
                throw new OutOfMemoryError("libdeflate_alloc_decompressor returned NULL");
            }
            Decompressor holder = new Decompressor(d);
            MethodHandle f = free;
            CLEANER.register(holder, () -> {
                try {
                    f.invokeExact(d);
                } catch (Throwable ignored) {
                    // nothing to do while cleaning up
                }
            });
            return holder;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Override
    public int inflate(ByteBuffer raw, byte[] out, int capacity) {
        Decompressor d = perThread.get();
        long[] produced = new long[1];
        int rc;
        try {
            rc = (int) zlibDecompress.invokeExact(d.handle, MemorySegment.ofBuffer(raw), (long) raw.remaining(),
                    MemorySegment.ofArray(out), (long) capacity, MemorySegment.ofArray(produced));
        } catch (Throwable t) {
            throw new IllegalStateException("libdeflate call failed: " + t, t);
        }
        return switch (rc) {
            case 0 -> (int) produced[0];
            case 1 -> throw new IllegalStateException("corrupt deflate stream (libdeflate: bad data)");
            case 3 -> throw new IllegalStateException("deflate stream inflates to more than the " + capacity
                    + " bytes of a chunk");
            default -> throw new IllegalStateException("libdeflate failed with code " + rc);
        };
    }

    @Override
    public String name() {
        return "libdeflate";
    }
}
