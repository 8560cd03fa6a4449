package org.scjava.dsl.tl;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.scjava.dsl.core.DenseMatrix;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Relative positions of a graph's connected components for UMAP's initialisation, as umap-learn 0.5
 * {@code component_layout}: the centroid of each component in the representation, affinities
 * {@code exp(−‖c_i − c_j‖²)}, then scikit-learn's {@code SpectralEmbedding(affinity="precomputed")} of that small
 * dense graph — eigenvectors of the normalised Laplacian (self-affinities ignored, as scipy's
 * {@code csgraph.laplacian}) for the 2nd..(dim+1)th smallest eigenvalues, divided by √degree, signs fixed so the
 * largest-magnitude entry is positive ({@code _deterministic_vector_sign_flip}) — divided by its largest entry.
 * Without data the positions are uniform in [0, 10), as umap-learn's fallback; so they are too when the centroids
 * are so far apart that the affinities underflow and two meta positions coincide (umap-learn then gets whatever
 * basis ARPACK returns for the degenerate spectrum).
 */
final class ComponentLayout {

    private ComponentLayout() {
    }

    /** nComp × dim meta positions of the components {@code members} (cell indices per component). */
    static double[][] meta(DenseMatrix data, int[][] members, int dim, SplittableRandom rnd) {
        int nComp = members.length;
        double[][] out = new double[nComp][dim];
        if (data == null) {
            for (double[] row : out) {
                for (int d = 0; d < dim; d++) {
                    row[d] = rnd.nextDouble() * 10.0;
                }
            }
            return out;
        }
        double[][] centroid = centroids(data, members);
        double[] degree = new double[nComp];
        double[][] affinity = new double[nComp][nComp];
        for (int i = 0; i < nComp; i++) {
            for (int j = 0; j < nComp; j++) {
                if (i != j) {
                    double s = 0;
                    for (int f = 0; f < centroid[i].length; f++) {
                        double diff = centroid[i][f] - centroid[j][f];
                        s += diff * diff;
                    }
                    affinity[i][j] = Math.exp(-s);
                    degree[i] += affinity[i][j];
                }
            }
        }
        double[] sqrtDeg = new double[nComp];
        for (int i = 0; i < nComp; i++) {
            sqrtDeg[i] = degree[i] > 0 ? Math.sqrt(degree[i]) : 1; // scipy: isolated nodes keep 1
        }
        // eigenvectors of L = I − S for the smallest eigenvalues = of S for the largest
        DMatrixRMaj s = new DMatrixRMaj(nComp, nComp);
        for (int i = 0; i < nComp; i++) {
            for (int j = 0; j < nComp; j++) {
                s.set(i, j, affinity[i][j] / (sqrtDeg[i] * sqrtDeg[j]));
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(nComp, true, true);
        if (!eig.decompose(s)) {
            return meta(null, members, dim, rnd);
        }
        Integer[] order = new Integer[nComp];
        for (int i = 0; i < nComp; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(eig.getEigenvalue(y).real, eig.getEigenvalue(x).real));
        double max = Double.NEGATIVE_INFINITY;
        for (int d = 0; d < dim; d++) {
            DMatrixRMaj v = eig.getEigenVector(order[Math.min(d + 1, nComp - 1)]);
            double[] col = new double[nComp];
            int best = 0;
            for (int i = 0; i < nComp; i++) {
                col[i] = v.get(i) / sqrtDeg[i];
                if (Math.abs(col[i]) > Math.abs(col[best])) {
                    best = i;
                }
            }
            double sign = col[best] < 0 ? -1 : 1;
            for (int i = 0; i < nComp; i++) {
                out[i][d] = sign * col[i];
                max = Math.max(max, out[i][d]);
            }
        }
        for (double[] row : out) {
            for (int d = 0; d < dim; d++) {
                row[d] /= max > 0 ? max : 1;
            }
        }
        // Far-apart centroids make exp(−d²) underflow: the spectrum is then degenerate and its eigenvectors
        // arbitrary (ARPACK returns some basis, EJML the axes, which puts components on top of each other).
        return distinct(out) ? out : meta(null, members, dim, rnd);
    }

    private static boolean distinct(double[][] points) {
        for (int i = 0; i < points.length; i++) {
            for (int j = 0; j < i; j++) {
                double s = 0;
                for (int d = 0; d < points[i].length; d++) {
                    s += (points[i][d] - points[j][d]) * (points[i][d] - points[j][d]);
                }
                if (s < 1e-12) {
                    return false;
                }
            }
        }
        return true;
    }

    private static double[][] centroids(DenseMatrix data, int[][] members) {
        int f = data.nCols();
        float[] x = data.data();
        double[][] out = new double[members.length][f];
        for (int c = 0; c < members.length; c++) {
            for (int i : members[c]) {
                for (int t = 0; t < f; t++) {
                    out[c][t] += x[i * f + t];
                }
            }
            for (int t = 0; t < f; t++) {
                out[c][t] /= members[c].length;
            }
        }
        return out;
    }
}
