package org.scjava.models.scfoundation;

import org.scjava.models.api.CheckpointException;
import org.scjava.models.io.CheckpointFiles;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * scFoundation's gene list ({@code OS_scRNA_gene_index.19264.tsv}: columns {@code gene_name}, {@code index}), the
 * order of the model's first 19,264 positions. The official list (Apache-2.0, biomap-research/scFoundation) is bundled
 * and used when the model directory has none.
 */
final class ScFoundationGenes {

    static final String OFFICIAL = "OS_scRNA_gene_index.19264.tsv";

    private ScFoundationGenes() {
    }

    /** The list in {@code file}, or the bundled official one when {@code file} is null. */
    static List<String> read(Path file) {
        if (file == null) {
            try (InputStream in = ScFoundationGenes.class.getResourceAsStream(OFFICIAL)) {
                return parse(new InputStreamReader(in, StandardCharsets.UTF_8), "bundled " + OFFICIAL);
            } catch (IOException e) {
                throw new CheckpointException("cannot read the bundled " + OFFICIAL + ": " + e.getMessage(), e);
            }
        }
        try (Reader r = new java.io.StringReader(CheckpointFiles.readText(file, "scFoundation gene list"))) {
            return parse(r, file.toString());
        } catch (IOException e) {
            throw new CheckpointException("cannot read scFoundation gene list " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<String> parse(Reader reader, String source) throws IOException {
        BufferedReader r = new BufferedReader(reader);
        String header = r.readLine();
        List<String> cols = header == null ? List.of() : Arrays.asList(header.split("\t"));
        int col = cols.indexOf("gene_name");
        if (col < 0) {
            throw new CheckpointException(source + " has no 'gene_name' column (header: " + header + "); expected the"
                    + " format of " + OFFICIAL);
        }
        List<String> genes = new ArrayList<>();
        String line;
        while ((line = r.readLine()) != null) {
            if (!line.isBlank()) {
                String[] fields = line.split("\t", -1);
                if (fields.length <= col) {
                    throw new CheckpointException(source + ": row " + (genes.size() + 2) + " has " + fields.length
                            + " columns, but 'gene_name' is column " + (col + 1));
                }
                genes.add(fields[col]);
            }
        }
        return genes;
    }
}
