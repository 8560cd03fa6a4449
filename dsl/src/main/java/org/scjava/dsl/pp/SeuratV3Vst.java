package org.scjava.dsl.pp;

import org.scjava.dsl.core.CsrMatrix;
import org.scjava.dsl.core.Matrix;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** The {@code seurat_v3} flavor of {@link HighlyVariableGenes}: Seurat's vst on counts. */
final class SeuratV3Vst {

    /** {@code rank}: 0 for the most variable gene; genes with zero variance rank last. */
    record Result(double[] means, double[] variances, double[] variancesNorm, double[] rank) {
    }

    private SeuratV3Vst() {
    }

    static Result compute(Matrix counts, double span) {
        ColumnStats s = ColumnStats.of(counts);
        int g = s.mean().length;
        int n = s.nRows();
        int[] notConst = IntStream.range(0, g).filter(j -> s.variance()[j] > 0).toArray();
        double[] lx = new double[notConst.length];
        double[] ly = new double[notConst.length];
        for (int i = 0; i < notConst.length; i++) {
            lx[i] = Math.log10(s.mean()[notConst[i]]);
            ly[i] = Math.log10(s.variance()[notConst[i]]);
        }
        double[] fitted = Loess.fit(lx, ly, span);
        double[] regStd = new double[g];
        double[] clip = new double[g];
        for (int i = 0; i < notConst.length; i++) {
            int j = notConst[i];
            regStd[j] = Math.sqrt(Math.pow(10, fitted[i]));
            clip[j] = regStd[j] * Math.sqrt(n) + s.mean()[j];
        }
        double[] sum = new double[g];
        double[] sumSq = new double[g];
        float[] row = new float[g];
        for (int r = 0; r < n; r++) {
            if (counts instanceof CsrMatrix csr) {
                for (int k = csr.rowStart(r); k < csr.rowEnd(r); k++) {
                    add(csr.indices()[k], csr.data()[k], clip, sum, sumSq);
                }
            } else {
                counts.rowInto(r, row);
                for (int j = 0; j < g; j++) {
                    if (row[j] != 0) {
                        add(j, row[j], clip, sum, sumSq);
                    }
                }
            }
        }
        double[] norm = new double[g];
        for (int j : notConst) {
            double m = s.mean()[j];
            norm[j] = (n * m * m + sumSq[j] - 2 * sum[j] * m) / ((n - 1) * regStd[j] * regStd[j]);
        }
        Integer[] order = IntStream.range(0, g).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer j) -> -norm[j]));
        double[] rank = new double[g];
        for (int r = 0; r < g; r++) {
            rank[order[r]] = r;
        }
        return new Result(s.mean(), s.variance(), norm, rank);
    }

    private static void add(int j, double v, double[] clip, double[] sum, double[] sumSq) {
        double c = Math.min(v, clip[j]);
        sum[j] += c;
        sumSq[j] += c * c;
    }
}
