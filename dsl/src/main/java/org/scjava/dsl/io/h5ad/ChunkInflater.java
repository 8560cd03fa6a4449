package org.scjava.dsl.io.h5ad;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates one zlib-format chunk (HDF5's deflate filter) into a byte array. {@link #best()} is libdeflate through the
 * JDK's foreign-function API where the JDK (22+) and the library (Debian {@code libdeflate0}) are there — about 2.5×
 * faster than zlib on h5ad chunks, which is most of an h5ad load — and {@code java.util.zip} otherwise.
 * {@code -Dscjava.inflate=zlib} forces the JDK's zlib.
 */
interface ChunkInflater {

    /**
     * Inflates {@code raw} into {@code out[0, capacity)}; returns the number of bytes produced. Throws
     * IllegalStateException on corrupt data.
     */
    int inflate(ByteBuffer raw, byte[] out, int capacity);

    /** Which implementation, for logs and benchmarks. */
    String name();

    static ChunkInflater best() {
        return Holder.BEST;
    }

    /** Lazily chosen once per JVM. */
    final class Holder {
        private static final Logger LOG = LoggerFactory.getLogger(ChunkInflater.class);
        static final ChunkInflater BEST = choose();

        private Holder() {
        }

        private static ChunkInflater choose() {
            if ("zlib".equals(System.getProperty("scjava.inflate")) || Runtime.version().feature() < 22) {
                return new Zlib();
            }
            try {
                // Compiled from src/main/java22 (release 22): loaded only on a JDK that has the final FFM API.
                return (ChunkInflater) Class.forName("org.scjava.dsl.io.h5ad.LibdeflateInflater")
                        .getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                LOG.debug("libdeflate not available ({}); inflating h5ad chunks with java.util.zip", cause.toString());
                return new Zlib();
            }
        }
    }

    /** The JDK's zlib, one Inflater per thread. */
    final class Zlib implements ChunkInflater {
        private static final ThreadLocal<Inflater> INFLATER = ThreadLocal.withInitial(Inflater::new);

        @Override
        public int inflate(ByteBuffer raw, byte[] out, int capacity) {
            Inflater inf = INFLATER.get();
            inf.reset();
            inf.setInput(raw);
            try {
                int total = 0;
                while (total < capacity && !inf.finished()) {
                    int k = inf.inflate(out, total, capacity - total);
                    if (k == 0 && (inf.needsInput() || inf.needsDictionary())) {
                        break;
                    }
                    total += k;
                }
                if (total == capacity && !inf.finished() && inf.inflate(new byte[1]) > 0) {
                    throw new IllegalStateException("deflate stream inflates to more than the " + capacity
                            + " bytes of a chunk");
                }
                return total;
            } catch (DataFormatException e) {
                throw new IllegalStateException("corrupt deflate stream: " + e.getMessage(), e);
            }
        }

        @Override
        public String name() {
            return "java.util.zip";
        }
    }
}
