package org.scjava.dsl.io.mtx;

import org.scjava.dsl.io.AtlasFormatException;

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
            throw error("size line must be 'rows cols entries', found '" + size + "'");
        }
        int nRows = Integer.parseInt(dims[0]);
        int nCols = Integer.parseInt(dims[1]);
        long declared = Long.parseLong(dims[2]);
        long capacity = symmetric ? 2 * declared : declared;
        if (capacity > Integer.MAX_VALUE - 8) {
            throw error(declared + " entries exceed what fits in memory as one matrix; use an h5ad file and Atlas.open");
        }
        int[] rows = new int[(int) capacity];
        int[] cols = new int[(int) capacity];
        float[] vals = new float[(int) capacity];
        int n = 0;
        boolean pattern = field.equals("pattern");
        for (long k = 0; k < declared; k++) {
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
        return new Entries(nRows, nCols, rows, cols, vals, field.equals("integer") || pattern ? "int32" : "float32");
    }

    private int peek() throws IOException {
        if (pos == len) {
            len = in.read(buf, 0, buf.length);
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
