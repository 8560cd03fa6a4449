package org.scjava.dsl.pp;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.scjava.dsl.core.AtlasException;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Randomised subspace (power) iteration with Rayleigh–Ritz extraction (Halko, Martinsson &amp; Tropp 2011,
 * doi:10.1137/090771806, Alg. 4.4), the method behind scikit-learn's {@code randomized_svd}: a random Gaussian
 * block of {@code k + oversample} vectors, {@code iterations} applications of the operator with
 * re-orthonormalisation in between, then the small projected eigenproblem (EJML). Block products make it the
 * cheaper choice for very many cells; accuracy of the trailing pairs is lower than {@link Lanczos}.
 */
public final class SubspaceIteration {

    private SubspaceIteration() {
    }

    public static Eigenpairs largest(SymmetricOperator op, int k, int oversample, int iterations, long seed) {
        int dim = op.dim();
        int l = Math.min(dim, k + oversample);
        if (k < 1 || k > dim) {
            throw new AtlasException("randomized solver: asked for " + k + " pairs of a " + dim + "-dim operator");
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] q = new double[l][dim];
        for (double[] col : q) {
            for (int d = 0; d < dim; d++) {
                col[d] = Lanczos.gaussian(rnd);
            }
        }
        orthonormalize(q);
        double[][] z = new double[l][dim];
        for (int it = 0; it < iterations; it++) {
            op.applyBlock(q, z);
            double[][] tmp = q;
            q = z;
            z = tmp;
            orthonormalize(q);
        }
        op.applyBlock(q, z);
        DMatrixRMaj h = new DMatrixRMaj(l, l);
        for (int a = 0; a < l; a++) {
            for (int b = a; b < l; b++) {
                double v = 0.5 * (Lanczos.dot(q[a], z[b]) + Lanczos.dot(q[b], z[a]));
                h.set(a, b, v);
                h.set(b, a, v);
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(l, true, true);
        if (!eig.decompose(h)) {
            throw new AtlasException("randomized solver: projected eigendecomposition failed");
        }
        Integer[] order = new Integer[l];
        for (int i = 0; i < l; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(eig.getEigenvalue(b).real, eig.getEigenvalue(a).real));
        double[] values = new double[k];
        double[][] vectors = new double[k][dim];
        for (int i = 0; i < k; i++) {
            values[i] = eig.getEigenvalue(order[i]).real;
            DMatrixRMaj s = eig.getEigenVector(order[i]);
            for (int b = 0; b < l; b++) {
                double c = s.get(b);
                for (int d = 0; d < dim; d++) {
                    vectors[i][d] += c * q[b][d];
                }
            }
            Lanczos.scale(vectors[i], 1 / Lanczos.norm(vectors[i]));
        }
        return new Eigenpairs(values, vectors, (iterations + 1) * l);
    }

    /** Modified Gram–Schmidt, twice (columns of near-zero norm are replaced by zeros). */
    private static void orthonormalize(double[][] q) {
        for (int pass = 0; pass < 2; pass++) {
            for (int a = 0; a < q.length; a++) {
                for (int b = 0; b < a; b++) {
                    double c = Lanczos.dot(q[a], q[b]);
                    for (int d = 0; d < q[a].length; d++) {
                        q[a][d] -= c * q[b][d];
                    }
                }
                double n = Lanczos.norm(q[a]);
                Lanczos.scale(q[a], n > 1e-300 ? 1 / n : 0);
            }
        }
    }
}
