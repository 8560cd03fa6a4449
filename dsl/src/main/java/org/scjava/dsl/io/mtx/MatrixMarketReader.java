package org.scjava.dsl.io.mtx;

import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.CsrMatrix;
import org.scjava.dsl.io.AtlasFormatException;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads MatrixMarket coordinate files (NIST format; integer, real or pattern; general or symmetric), plain or
 * gzipped. A directory is read as a 10x Genomics export: {@code matrix.mtx[.gz]} (genes × barcodes) with
 * {@code features.tsv[.gz]} (Cell Ranger 3) or {@code genes.tsv[.gz]} (Cell Ranger 2) and {@code barcodes.tsv[.gz]},
 * transposed to cells × genes and indexed like scanpy's {@code read_10x_mtx} (gene symbols, with gene_ids and
 * feature_types columns). A lone .mtx file is read as is (rows = cells).
 */
public final class MatrixMarketReader {

    private MatrixMarketReader() {
    }

    public static AtlasData read(Path path) {
        if (Files.isDirectory(path)) {
            return readTenxDirectory(path);
        }
        Entries e = MtxParser.parse(path);
        CsrMatrix x = e.toCsr(false);
        return new AtlasData(x, null, null);
    }

    private static AtlasData readTenxDirectory(Path dir) {
        Path matrix = firstExisting(dir, "matrix.mtx.gz", "matrix.mtx");
        Path barcodes = firstExisting(dir, "barcodes.tsv.gz", "barcodes.tsv");
        Path features = firstExisting(dir, "features.tsv.gz", "features.tsv", "genes.tsv.gz", "genes.tsv");
        if (matrix == null || barcodes == null || features == null) {
            throw new AtlasFormatException(dir, "", "not a 10x MatrixMarket directory: expected matrix.mtx[.gz], "
                    + "barcodes.tsv[.gz] and features.tsv[.gz] (or genes.tsv); found "
                    + (matrix == null ? "no matrix " : "") + (barcodes == null ? "no barcodes " : "")
                    + (features == null ? "no features/genes table" : ""));
        }
        Entries e = MtxParser.parse(matrix);
        List<String[]> featureRows = readTsv(features);
        List<String[]> barcodeRows = readTsv(barcodes);
        if (featureRows.size() != e.nRows() || barcodeRows.size() != e.nCols()) {
            throw new AtlasFormatException(dir, "", "matrix.mtx is " + e.nRows() + " features × " + e.nCols()
                    + " barcodes but " + features.getFileName() + " has " + featureRows.size() + " rows and "
                    + barcodes.getFileName() + " has " + barcodeRows.size());
        }
        CsrMatrix x = e.toCsr(true);
        String[] names = new String[featureRows.size()];
        String[] ids = new String[names.length];
        String[] types = new String[names.length];
        boolean hasTypes = true;
        for (int i = 0; i < names.length; i++) {
            String[] r = featureRows.get(i);
            ids[i] = r[0];
            names[i] = r.length > 1 ? r[1] : r[0];
            hasTypes &= r.length > 2;
            types[i] = r.length > 2 ? r[2] : "";
        }
        String[] cells = barcodeRows.stream().map(r -> r[0]).toArray(String[]::new);
        Table var = Table.create("var", StringColumn.create("_index", names), StringColumn.create("gene_ids", ids));
        if (hasTypes) {
            var.addColumns(StringColumn.create("feature_types", types));
        }
        return new AtlasData(x, Table.create("obs", StringColumn.create("_index", cells)), var);
    }

    private static Path firstExisting(Path dir, String... names) {
        for (String n : names) {
            Path p = dir.resolve(n);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16) : in;
    }

    private static List<String[]> readTsv(Path file) {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(open(file), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isEmpty()) {
                    rows.add(line.split("\t", -1));
                }
            }
        } catch (IOException e) {
            throw new AtlasFormatException(file, "", "cannot read: " + e.getMessage(), e);
        }
        return rows;
    }
}
