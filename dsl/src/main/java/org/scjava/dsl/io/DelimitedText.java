package org.scjava.dsl.io;

import org.scjava.dsl.core.AtlasException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * A small tab- or comma-separated table with a header (the gene tables users pass: marker genes, orthologs): the
 * separator is a tab when the header has one, else a comma; column names are trimmed and lower-cased; blank lines
 * are skipped; every row must have as many fields as the header (the error names the file and line).
 */
public record DelimitedText(String what, List<String> header, List<String[]> rows, List<Integer> lineNumbers) {

    /** Reads {@code file} (gzip when it ends in .gz); {@code what} names it in errors ("marker table x.tsv"). */
    public static DelimitedText read(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new AtlasException(what + " does not exist or is not a file");
        }
        try (InputStream raw = Files.newInputStream(file)) {
            return read(file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw, what);
        } catch (IOException e) {
            throw new AtlasException("cannot read " + what + ": " + e.getMessage(), e);
        }
    }

    public static DelimitedText read(InputStream in, String what) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String first = r.readLine();
        if (first == null) {
            throw new AtlasException(what + " is empty");
        }
        String sep = first.contains("\t") ? "\t" : ",";
        List<String> header = new ArrayList<>();
        for (String c : first.split(sep, -1)) {
            header.add(c.trim().toLowerCase(Locale.ROOT));
        }
        List<String[]> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        String line;
        int lineNo = 1;
        while ((line = r.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(sep, -1);
            if (f.length != header.size()) {
                throw new AtlasException(what + " line " + lineNo + ": expected " + header.size() + " fields, found "
                        + f.length);
            }
            for (int i = 0; i < f.length; i++) {
                f[i] = f[i].trim();
            }
            rows.add(f);
            lines.add(lineNo);
        }
        return new DelimitedText(what, List.copyOf(header), rows, List.copyOf(lines));
    }

    /** Position of column {@code name} (lower case), or −1. */
    public int column(String name) {
        return header.indexOf(name);
    }
}
