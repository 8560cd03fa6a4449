package org.scjava.dsl.io.mtx;

import org.scjava.dsl.io.AtlasFormatException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of a small delimited table (10x {@code features.tsv}, {@code barcodes.tsv}, plain or gzipped), read with
 * bounds: at most {@code expected + 1} rows (the count the matrix declares; one more shows the mismatch) and lines of
 * at most {@link #MAX_LINE} bytes, so a huge or endless file fails quickly in bounded memory. Blank lines are
 * skipped, as pandas' {@code read_csv} skips them.
 */
final class TsvLines {

    static final int MAX_LINE = 1 << 20;

    private TsvLines() {
    }

    static List<String[]> read(Path file, char separator, int expected) {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = MatrixMarketReader.open(file)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1 || line.size() > 0) {
                if (b == '\n' || b == -1) {
                    add(rows, line, separator);
                    line.reset();
                    if (rows.size() > expected || b == -1) {
                        break;
                    }
                } else if (line.size() >= MAX_LINE) {
                    throw new AtlasFormatException(file, "line " + (rows.size() + 1), "a line longer than "
                            + MAX_LINE + " bytes; expected one feature or barcode per line");
                } else {
                    line.write(b);
                }
            }
        } catch (IOException e) {
            throw new AtlasFormatException(file, "", "cannot read: " + e.getMessage(), e);
        }
        return rows;
    }

    private static void add(List<String[]> rows, ByteArrayOutputStream line, char separator) {
        String s = line.toString(StandardCharsets.UTF_8);
        if (s.endsWith("\r")) {
            s = s.substring(0, s.length() - 1);
        }
        if (!s.isBlank()) {
            rows.add(s.split(java.util.regex.Pattern.quote(String.valueOf(separator)), -1));
        }
    }
}
