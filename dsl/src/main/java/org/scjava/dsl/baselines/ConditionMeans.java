package org.scjava.dsl.baselines;

import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.CsrMatrix;
import org.scjava.dsl.core.Matrix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Pseudobulk means of log-normalised expression per context (e.g. cell type) and condition (control / treated): the
 * unit the perturbation baselines and their evaluation work on. Contexts are sorted by name; a context without
 * treated cells (the held-out one) has a null treated row.
 */
public record ConditionMeans(List<String> genes, List<String> contexts, double[][] control, double[][] treated) {

    /** Means of {@code logX} rows grouped by {@code context} × {@code condition} (values equal to the two given). */
    public static ConditionMeans of(Matrix logX, List<String> genes, String[] context, String[] condition,
                                    String controlValue, String treatedValue) {
        if (context.length != logX.nRows() || condition.length != logX.nRows()) {
            throw new AtlasException("condition means: " + logX.nRows() + " cells but " + context.length
                    + " context and " + condition.length + " condition labels");
        }
        List<String> contexts = Arrays.stream(context).distinct().sorted().toList();
        int g = logX.nCols();
        double[][][] sums = new double[2][contexts.size()][g];
        int[][] counts = new int[2][contexts.size()];
        float[] row = new float[g];
        for (int i = 0; i < context.length; i++) {
            int arm = controlValue.equals(condition[i]) ? 0 : treatedValue.equals(condition[i]) ? 1 : -1;
            if (arm < 0) {
                continue;
            }
            int c = contexts.indexOf(context[i]);
            counts[arm][c]++;
            addRow(logX, i, sums[arm][c], row);
        }
        double[][] ctrl = new double[contexts.size()][];
        double[][] trt = new double[contexts.size()][];
        for (int c = 0; c < contexts.size(); c++) {
            if (counts[0][c] == 0) {
                throw new AtlasException("condition means: context '" + contexts.get(c) + "' has no '" + controlValue
                        + "' cells; every context needs control cells");
            }
            ctrl[c] = divide(sums[0][c], counts[0][c]);
            trt[c] = counts[1][c] == 0 ? null : divide(sums[1][c], counts[1][c]);
        }
        return new ConditionMeans(List.copyOf(genes), contexts, ctrl, trt);
    }

    /** Treated − control mean for context {@code c}. */
    public double[] shift(int c) {
        if (treated[c] == null) {
            throw new AtlasException("condition means: context '" + contexts.get(c) + "' has no treated cells");
        }
        double[] d = new double[genes.size()];
        for (int j = 0; j < d.length; j++) {
            d[j] = treated[c][j] - control[c][j];
        }
        return d;
    }

    /** Indices of the contexts that have treated cells, excluding {@code heldOut}. */
    public int[] trainingContexts(String heldOut) {
        List<Integer> out = new ArrayList<>();
        for (int c = 0; c < contexts.size(); c++) {
            if (treated[c] != null && !contexts.get(c).equals(heldOut)) {
                out.add(c);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void addRow(Matrix x, int i, double[] sum, float[] row) {
        if (x instanceof CsrMatrix csr) {
            for (int k = csr.rowStart(i); k < csr.rowEnd(i); k++) {
                sum[csr.indices()[k]] += csr.data()[k];
            }
        } else {
            x.rowInto(i, row);
            for (int j = 0; j < row.length; j++) {
                sum[j] += row[j];
            }
        }
    }

    private static double[] divide(double[] s, int n) {
        double[] out = new double[s.length];
        for (int j = 0; j < s.length; j++) {
            out[j] = s[j] / n;
        }
        return out;
    }
}
