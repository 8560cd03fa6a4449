package org.scjava.dsl.tl;

import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.DenseMatrix;

import java.util.stream.IntStream;

/**
 * Silhouette width (Rousseeuw 1987, doi:10.1016/0377-0427(87)90125-7) with Euclidean distances, as scikit-learn 1.2
 * {@code silhouette_samples}: {@code s(i) = (b − a) / max(a, b)} with a the mean distance to the other members of
 * i's group and b the smallest mean distance to another group; 0 for cells alone in their group.
 *
 * <p>Hand-written (nothing on Maven Central computes it on a dense embedding); cost O(cells² × dims) on all cores,
 * so {@link IntegrationMetrics} subsamples large data.
 */
public final class Silhouette {

    private Silhouette() {
    }

    /** Silhouette of each row of {@code x} for the group codes {@code labels} (0..nGroups-1). */
    public static double[] samples(DenseMatrix x, int[] labels) {
        int n = x.nRows();
        if (labels.length != n) {
            throw new AtlasException("silhouette: " + labels.length + " labels for " + n + " cells");
        }
        int nGroups = 0;
        for (int l : labels) {
            nGroups = Math.max(nGroups, l + 1);
        }
        int[] size = new int[nGroups];
        for (int l : labels) {
            size[l]++;
        }
        int present = 0;
        for (int s : size) {
            present += s > 0 ? 1 : 0;
        }
        if (present < 2 || present >= n) {
            throw new AtlasException("silhouette: needs 2.." + (n - 1) + " groups, got " + present);
        }
        int d = x.nCols();
        float[] v = x.data();
        int groups = nGroups;
        double[] out = new double[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            double[] sum = new double[groups];
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    double s = 0;
                    for (int c = 0; c < d; c++) {
                        double diff = v[i * d + c] - v[j * d + c];
                        s += diff * diff;
                    }
                    sum[labels[j]] += Math.sqrt(s);
                }
            }
            int own = labels[i];
            if (size[own] <= 1) {
                out[i] = 0;
                return;
            }
            double a = sum[own] / (size[own] - 1);
            double b = Double.POSITIVE_INFINITY;
            for (int g = 0; g < groups; g++) {
                if (g != own && size[g] > 0) {
                    b = Math.min(b, sum[g] / size[g]);
                }
            }
            double m = Math.max(a, b);
            out[i] = m > 0 ? (b - a) / m : 0;
        });
        return out;
    }

    /** Mean silhouette (scikit-learn's {@code silhouette_score}). */
    public static double score(DenseMatrix x, int[] labels) {
        double s = 0;
        for (double v : samples(x, labels)) {
            s += v;
        }
        return s / x.nRows();
    }
}
