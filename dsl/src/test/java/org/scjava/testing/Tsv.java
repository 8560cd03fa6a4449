package org.scjava.testing;

import org.scjava.dsl.core.DenseMatrix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Numeric tab-separated files written by the Python/R reference scripts (numpy.savetxt). */
public final class Tsv {

    private Tsv() {
    }

    /** A headerless numeric TSV as a dense matrix (rows × columns). */
    public static DenseMatrix matrix(Path file) {
        List<String> lines = lines(file).stream().filter(l -> !l.isBlank()).toList();
        double[][] rows = new double[lines.size()][];
        for (int i = 0; i < rows.length; i++) {
            String[] f = lines.get(i).split("\t");
            rows[i] = new double[f.length];
            for (int j = 0; j < f.length; j++) {
                rows[i][j] = Double.parseDouble(f[j]);
            }
        }
        return DenseMatrix.of(rows);
    }

    public static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Pearson correlation of column {@code col} of two matrices with the same shape. */
    public static double columnCorrelation(DenseMatrix a, DenseMatrix b, int col) {
        int n = a.nRows();
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < n; i++) {
            ma += a.get(i, col);
            mb += b.get(i, col);
        }
        ma /= n;
        mb /= n;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < n; i++) {
            double da = a.get(i, col) - ma;
            double db = b.get(i, col) - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
