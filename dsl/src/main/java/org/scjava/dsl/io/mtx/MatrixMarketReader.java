package org.scjava.dsl.io.mtx;

import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.CsrMatrix;
import org.scjava.dsl.io.AtlasFormatException;
import org.scjava.dsl.io.InputFiles;
import org.scjava.dsl.io.LoadOptions;
import org.scjava.dsl.io.tenx.FeatureTable;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads MatrixMarket coordinate files (NIST format; integer, real or pattern; general or symmetric), plain or
 * gzipped. A directory is read as a 10x Genomics export the way scanpy's {@code read_10x_mtx} reads it (scanpy 1.11,
 * {@code _read_10x_mtx}): {@code matrix.mtx[.gz]} (features × barcodes, transposed to cells × features, float32),
 * {@code features.tsv[.gz]} (Cell Ranger 3: id, symbol, type) or {@code genes.tsv[.gz]} (Cell Ranger 2: id, symbol)
 * and {@code barcodes.tsv[.gz]}. Var names are the symbols made unique with anndata's {@code make_index_unique}
 * ({@link LoadOptions#makeUnique}, default on) with {@code gene_ids} beside them, or the ids with
 * {@code gene_symbols} ({@link LoadOptions#varNamesGeneIds}); Cell Ranger 3 exports add {@code feature_types} and
 * keep only Gene Expression features unless {@link LoadOptions#gexOnly} is off. A lone .mtx file is read as is
 * (rows = cells).
 */
public final class MatrixMarketReader {

    private static final String GEX = "Gene Expression";

    private MatrixMarketReader() {
    }

    public static AtlasData read(Path path) {
        return read(path, LoadOptions.defaults());
    }

    public static AtlasData read(Path path, LoadOptions options) {
        if (Files.isDirectory(path)) {
            return readTenxDirectory(path, options);
        }
        InputFiles.requireRegularFile(path);
        return new AtlasData(toCsr(path, MtxParser.parse(path), false), null, null);
    }

    private static AtlasData readTenxDirectory(Path dir, LoadOptions options) {
        Path matrix = firstExisting(dir, "matrix.mtx.gz", "matrix.mtx");
        Path barcodes = firstExisting(dir, "barcodes.tsv.gz", "barcodes.tsv");
        Path legacyGenes = firstExisting(dir, "genes.tsv", "genes.tsv.gz");
        Path features = legacyGenes != null ? legacyGenes : firstExisting(dir, "features.tsv.gz", "features.tsv");
        if (matrix == null || barcodes == null || features == null) {
            throw new AtlasFormatException(dir, "", "not a 10x MatrixMarket directory: expected matrix.mtx[.gz], "
                    + "barcodes.tsv[.gz] and features.tsv[.gz] (or genes.tsv); found "
                    + (matrix == null ? "no matrix " : "") + (barcodes == null ? "no barcodes " : "")
                    + (features == null ? "no features/genes table" : ""));
        }
        Entries e = MtxParser.parse(matrix);
        List<String[]> featureRows = TsvLines.read(features, '\t', e.nRows());
        List<String[]> barcodeRows = TsvLines.read(barcodes, ',', e.nCols()); // pandas read_csv's default separator
        if (featureRows.size() != e.nRows() || barcodeRows.size() != e.nCols()) {
            throw new AtlasFormatException(dir, "", "matrix.mtx is " + e.nRows() + " features × " + e.nCols()
                    + " barcodes but " + features.getFileName() + " has " + featureRows.size() + " rows and "
                    + barcodes.getFileName() + " has " + barcodeRows.size());
        }
        CsrMatrix x = toCsr(matrix, e, true);
        FeatureTable var = featureTable(featureRows, options);
        if (legacyGenes == null && options.gexOnly() && var.strings("feature_types") != null) {
            String[] types = var.strings("feature_types");
            int[] kept = var.keep(i -> GEX.equals(types[i]));
            if (kept.length != x.nCols()) {
                x = x.selectCols(kept);
            }
        }
        String[] cells = barcodeRows.stream().map(r -> r[0]).toArray(String[]::new);
        return new AtlasData(x, Table.create("obs", StringColumn.create("_index", cells)),
                var.toVar(options.makeUnique() && !options.varNamesGeneIds(), dir.getFileName().toString()));
    }

    /** var as scanpy builds it: names and gene_ids (or ids and gene_symbols), then feature_types (column 3). */
    private static FeatureTable featureTable(List<String[]> rows, LoadOptions options) {
        int n = rows.size();
        String[] ids = new String[n];
        String[] symbols = new String[n];
        String[] types = new String[n];
        boolean hasTypes = n > 0;
        for (int i = 0; i < n; i++) {
            String[] r = rows.get(i);
            ids[i] = r[0];
            symbols[i] = r.length > 1 ? r[1] : "nan"; // a missing field is NaN in pandas, "nan" once a string
            hasTypes &= r.length > 2;
            types[i] = r.length > 2 ? r[2] : "nan";
        }
        FeatureTable var;
        if (options.varNamesGeneIds()) {
            var = new FeatureTable(ids).add("gene_symbols", symbols);
        } else {
            var = new FeatureTable(symbols).add("gene_ids", FeatureTable.inferIntegers(ids));
        }
        if (hasTypes) {
            var.add("feature_types", types);
        }
        return var;
    }

    private static CsrMatrix toCsr(Path file, Entries e, boolean transpose) {
        try {
            return e.toCsr(transpose);
        } catch (IllegalArgumentException ex) {
            throw new AtlasFormatException(file, "", "inconsistent matrix: " + ex.getMessage(), ex);
        }
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

    /** The file's bytes, gunzipped when it starts with the gzip magic; refuses non-regular files before opening. */
    static InputStream open(Path file) throws IOException {
        InputFiles.requireRegularFile(file);
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16) : in;
    }
}
