package org.scjava.dsl.io;

/**
 * The bounds every reader checks a file's declared sizes against before it allocates, so that a file that lies about
 * its shape (an indptr declared 2^31 long, a MatrixMarket header declaring 2e9 entries) is refused with a message
 * instead of exhausting the heap, and structures that nest or link without end are refused instead of overflowing
 * the stack.
 *
 * <p>The memory budget for one element is the JVM's maximum heap ({@code -Xmx}); the system property
 * {@code scjava.io.maxElementBytes} lowers it (tests and services that read untrusted files set it).
 */
public final class ReadLimits {

    /** Deepest nesting of groups (uns dicts in dicts) a reader follows; anndata files nest a handful of levels. */
    public static final int MAX_DEPTH = 64;
    /** Most soft links followed to resolve one link (HDF5's own default, {@code H5L_NUM_LINKS}, is 16). */
    public static final int MAX_LINK_HOPS = 16;
    /**
     * The largest expansion of a compressed chunk any HDF5 filter jHDF supports can produce (deflate tops out at
     * 1032:1); a chunked dataset declaring more bytes than this times the file size cannot be backed by the file.
     */
    public static final long MAX_COMPRESSION_RATIO = 1100;

    private ReadLimits() {
    }

    /** Bytes one element (one array read into memory) may take. */
    public static long maxElementBytes() {
        long heap = Runtime.getRuntime().maxMemory();
        String p = System.getProperty("scjava.io.maxElementBytes");
        if (p != null) {
            try {
                return Math.min(heap, Long.parseLong(p.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("scjava.io.maxElementBytes must be a number of bytes, found '" + p + "'", e);
            }
        }
        return heap;
    }

    /** A byte count for messages: "1.5 GiB", "12.0 MiB", "512 bytes". */
    public static String bytes(long n) {
        if (n >= 1L << 30) {
            return String.format(java.util.Locale.ROOT, "%.1f GiB", n / (double) (1L << 30));
        }
        if (n >= 1L << 20) {
            return String.format(java.util.Locale.ROOT, "%.1f MiB", n / (double) (1L << 20));
        }
        return n + " bytes";
    }
}
