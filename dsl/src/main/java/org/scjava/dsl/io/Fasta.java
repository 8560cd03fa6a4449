package org.scjava.dsl.io;

import org.scjava.dsl.core.AtlasException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * FASTA records as facebookresearch/esm {@code FastaBatchedDataset.from_file} reads them: the label is the header
 * line without {@code >}, stripped (an empty header becomes {@code seqnum<line>}); sequence lines are stripped and
 * joined; duplicate labels are an error.
 */
public final class Fasta {

    private static final Pattern GENE_NAME = Pattern.compile("(?:^|\\s)GN=(\\S+)");

    /** One record: header label and residue string. */
    public record Record(String label, String sequence) {

        /**
         * The gene the record belongs to: the UniProt {@code GN=} field when present, otherwise the first word of
         * the label (a FASTA keyed by gene symbol or Ensembl ID).
         */
        public String gene() {
            Matcher m = GENE_NAME.matcher(label);
            if (m.find()) {
                return m.group(1);
            }
            String first = label.split("\\s+", 2)[0];
            return first;
        }
    }

    private Fasta() {
    }

    public static List<Record> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new AtlasException("FASTA file " + file + " does not exist or is not a file");
        }
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(r, file.toString());
        } catch (IOException e) {
            throw new AtlasException("cannot read FASTA file " + file + ": " + e.getMessage(), e);
        }
    }

    public static List<Record> parse(String text, String source) {
        try (BufferedReader r = new BufferedReader(new StringReader(text))) {
            return parse(r, source);
        } catch (IOException e) {
            throw new AtlasException("cannot parse FASTA " + source + ": " + e.getMessage(), e);
        }
    }

    private static List<Record> parse(BufferedReader r, String source) throws IOException {
        List<Record> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String label = null;
        StringBuilder seq = new StringBuilder();
        String line;
        int lineNo = 0;
        while ((line = r.readLine()) != null) {
            if (line.startsWith(">")) {
                flush(out, seen, label, seq, source);
                String l = line.substring(1).strip();
                label = l.isEmpty() ? String.format("seqnum%09d", lineNo) : l;
            } else if (label == null && !line.isBlank()) {
                throw new AtlasException(source + ": line " + (lineNo + 1) + " holds sequence data before the first"
                        + " '>' header; is this a FASTA file?");
            } else {
                seq.append(line.strip());
            }
            lineNo++;
        }
        flush(out, seen, label, seq, source);
        if (out.isEmpty()) {
            throw new AtlasException(source + " holds no FASTA records (no line starting with '>')");
        }
        return out;
    }

    private static void flush(List<Record> out, Set<String> seen, String label, StringBuilder seq, String source) {
        if (label == null) {
            return;
        }
        if (!seen.add(label)) {
            throw new AtlasException(source + ": duplicate FASTA label '" + label + "' (ESM's reader refuses them too)");
        }
        out.add(new Record(label, seq.toString()));
        seq.setLength(0);
    }
}
