package org.scjava.dsl.io.mtx;

import org.scjava.dsl.io.AtlasFormatException;
import org.scjava.dsl.io.ReadLimits;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A byte-level MatrixMarket coordinate parser: hand-written because a 10x matrix.mtx holds hundreds of millions of
 * lines, where line-by-line String splitting is several times slower than scanning bytes.
 */
final class MtxParser {

    private final Path file;
    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int len;
    private long line = 1;
    /** Bytes read from the (decompressed) stream, and how many the size line allows. */
    private long consumed;
    private long byteLimit = MAX_HEADER_BYTES;

    /** The header (banner, comments, size line) may take this many bytes. */
    private static final long MAX_HEADER_BYTES = 64L << 20;
    /** The longest line or token kept in memory. */
    private static final int MAX_LINE = 1 << 20;
    /** Bytes one entry line may take ("row col value" with generous padding). */
    private static final long MAX_ENTRY_BYTES = 256;

    private MtxParser(Path file, InputStream in) {
        this.file = file;
        this.in = in;
    }

    static Entries parse(Path file) {
        try (InputStream in = MatrixMarketReader.open(file)) {
            return new MtxParser(file, in).parse();
        } catch (IOException e) {
            throw new AtlasFormatException(file, "", "cannot read: " + e.getMessage(), e);
        }
    }

    private Entries parse() throws IOException {
        String banner = readLine();
        String[] h = banner == null ? new String[0] : banner.trim().toLowerCase(Locale.ROOT).split("\\s+");
        if (h.length < 5 || !h[0].equals("%%matrixmarket") || !h[1].equals("matrix")) {
            throw error("missing '%%MatrixMarket matrix coordinate <field> <symmetry>' banner");
        }
        if (!h[2].equals("coordinate")) {
            throw error("only the sparse 'coordinate' format is supported, found '" + h[2] + "'");
        }
        String field = h[3];
        if (!field.equals("integer") && !field.equals("real") && !field.equals("pattern") && !field.equals("double")) {
            throw error("unsupported field type '" + field + "' (expected integer, real or pattern)");
        }
        boolean symmetric = h[4].equals("symmetric");
        if (!symmetric && !h[4].equals("general")) {
            throw error("unsupported symmetry '" + h[4] + "' (expected general or symmetric)");
        }
        String size;
        do {
            size = readLine();
        } while (size != null && (size.startsWith("%") || size.isBlank()));
        if (size == null) {
            throw error("no size line");
        }
        String[] dims = size.trim().split("\\s+");
        if (dims.length != 3) {
            throw error("size line must be 'rows cols entries', found '" + abbreviate(size) + "'");
        }
        int nRows = sizeField(dims[0], "rows", Integer.MAX_VALUE - 8);
        int nCols = sizeField(dims[1], "columns", Integer.MAX_VALUE - 8);
        long declared = sizeField(dims[2], "entries", Long.MAX_VALUE / 2);
        long capacity = symmetric ? 2 * declared : declared;
        checkBudget(capacity, Math.max(nRows, nCols));
        // Declared-size bound on what is read: a header cannot make the parser scan a decompression bomb for ever.
        byteLimit = consumed + capacity * MAX_ENTRY_BYTES + (1L << 24);
        int initial = (int) Math.min(capacity, 1 << 20);
        int[] rows = new int[initial];
        int[] cols = new int[initial];
        float[] vals = new float[initial];
        int n = 0;
        boolean pattern = field.equals("pattern");
        for (long k = 0; k < declared; k++) {
            if (n + 2 > rows.length) {
                int grown = (int) Math.min(capacity, Math.max(16L, 2L * rows.length));
                rows = java.util.Arrays.copyOf(rows, grown);
                cols = java.util.Arrays.copyOf(cols, grown);
                vals = java.util.Arrays.copyOf(vals, grown);
            }
            skipBlankLines();
            long r = readLong();
            long c = readLong();
            float v = pattern ? 1f : (float) readDouble();
            skipToLineEnd();
            if (r < 1 || r > nRows || c < 1 || c > nCols) {
                throw error("entry (" + r + ", " + c + ") is outside the declared " + nRows + " x " + nCols + " matrix");
            }
            rows[n] = (int) r - 1;
            cols[n] = (int) c - 1;
            vals[n++] = v;
            if (symmetric && r != c) {
                rows[n] = (int) c - 1;
                cols[n] = (int) r - 1;
                vals[n++] = v;
            }
        }
        if (n < rows.length) {
            rows = java.util.Arrays.copyOf(rows, n);
            cols = java.util.Arrays.copyOf(cols, n);
            vals = java.util.Arrays.copyOf(vals, n);
        }
        return new Entries(nRows, nCols, rows, cols, vals, "float32"); // scanpy reads every field as float32
    }

    /** A non-negative size from the size line, at most {@code max}. */
    private int sizeField(String text, String what, int max) {
        return (int) sizeField(text, what, (long) max);
    }

    private long sizeField(String text, String what, long max) {
        long v;
        try {
            v = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw error("the number of " + what + " on the size line is '" + abbreviate(text) + "', not an integer");
        }
        if (v < 0 || v > max) {
            throw error("the size line declares " + v + " " + what + " (at most " + max + " can be read)");
        }
        return v;
    }

    /** Refuses, before allocating, a declared matrix whose entries would not fit the memory budget. */
    private void checkBudget(long entries, int axis) {
        if (entries > Integer.MAX_VALUE - 8) {
            throw error(entries + " entries exceed what fits in memory as one matrix; use an h5ad file and Atlas.open");
        }
        // COO triplets while parsing, then CSR (indices + data + the row pointer)
        long bytes = entries * (4 + 4 + 4) + entries * (4 + 4) + 8L * (axis + 1);
        long budget = ReadLimits.maxElementBytes();
        if (bytes > budget) {
            throw error("the size line declares " + entries + " entries, which need " + ReadLimits.bytes(bytes)
                    + " while reading, more than the memory budget of " + ReadLimits.bytes(budget)
                    + " (raise -Xmx if the file is genuine)");
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    private int peek() throws IOException {
        if (pos == len) {
            if (consumed > byteLimit) {
                throw error("the file goes on past what its " + "size line allows ("
                        + ReadLimits.bytes(byteLimit) + "): padding, or a decompression bomb");
            }
            len = in.read(buf, 0, buf.length);
            consumed += Math.max(len, 0);
            pos = 0;
            if (len <= 0) {
                len = 0;
                return -1;
            }
        }
        return buf[pos];
    }

    private String readLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = peek()) != -1) {
            pos++;
            if (b == '\n') {
                line++;
                return sb.toString();
            }
            if (sb.length() >= MAX_LINE) {
                throw error("a header line longer than " + MAX_LINE + " bytes");
            }
            sb.append((char) b);
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    private void skipBlankLines() throws IOException {
        int b;
        while ((b = peek()) == '\n' || b == '\r' || b == ' ' || b == '\t') {
            if (b == '\n') {
                line++;
            }
            pos++;
        }
        if (b == -1) {
            throw error("file ends early: fewer entries than the size line declares (truncated?)");
        }
    }

    private void skipSpaces() throws IOException {
        int b;
        while ((b = peek()) == ' ' || b == '\t') {
            pos++;
        }
    }

    private long readLong() throws IOException {
        skipSpaces();
        long v = 0;
        int digits = 0;
        int b;
        while ((b = peek()) >= '0' && b <= '9') {
            if (digits >= 18) {
                throw error("an index with more than 18 digits");
            }
            v = v * 10 + (b - '0');
            pos++;
            digits++;
        }
        if (digits == 0) {
            throw error("expected an integer index");
        }
        return v;
    }

    private double readDouble() throws IOException {
        skipSpaces();
        StringBuilder sb = null;
        long intPart = 0;
        boolean simple = true;
        boolean negative = false;
        int digits = 0;
        int b = peek();
        if (b == '-' || b == '+') {
            negative = b == '-';
            pos++;
        }
        while ((b = peek()) != -1 && b != ' ' && b != '\t' && b != '\n' && b != '\r') {
            if (simple && b >= '0' && b <= '9' && digits < 18) {
                intPart = intPart * 10 + (b - '0');
                digits++;
            } else {
                if (simple) {
                    sb = new StringBuilder().append(negative ? "-" : "").append(digits > 0 ? Long.toString(intPart) : "");
                    simple = false;
                }
                if (sb.length() > 64) {
                    throw error("a value longer than 64 characters");
                }
                sb.append((char) b);
            }
            pos++;
        }
        if (simple) {
            if (digits == 0) {
                throw error("expected a value");
            }
            return negative ? -intPart : intPart;
        }
        try {
            return Double.parseDouble(sb.toString());
        } catch (NumberFormatException e) {
            throw error("cannot parse value '" + sb + "'");
        }
    }

    private void skipToLineEnd() throws IOException {
        int b;
        while ((b = peek()) != -1 && b != '\n') {
            if (b != ' ' && b != '\t' && b != '\r') {
                throw error("unexpected extra text on an entry line");
            }
            pos++;
        }
    }

    private AtlasFormatException error(String message) {
        return new AtlasFormatException(file, "line " + line, message);
    }
}
