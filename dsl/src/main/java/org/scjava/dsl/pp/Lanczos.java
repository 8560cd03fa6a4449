package org.scjava.dsl.pp;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.scjava.dsl.atlas.AtlasException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Largest-algebraic eigenpairs of a symmetric operator by the Lanczos process with full re-orthogonalisation
 * (Golub &amp; Van Loan, Matrix Computations, 4th ed., §10.1), the same Krylov family as ARPACK's implicitly
 * restarted Lanczos used by scanpy ({@code svds(solver="arpack")}) and umap-learn ({@code eigsh}). Instead of
 * restarting, the basis grows until the wanted Ritz pairs have residual {@code |β_m s_m,i| ≤ tol·|θ_max|}, which
 * suits the few-dozen-eigenpair problems here (basis memory: steps × dim doubles). The small tridiagonal problem
 * is solved by EJML. Hand-written because no Java library on Central offers an operator-based Lanczos.
 */
public final class Lanczos {

    private Lanczos() {
    }

    /**
     * The {@code k} largest eigenpairs of {@code op}. {@code seed} picks the start vector (results agree across
     * seeds up to the sign of each vector and the tolerance).
     */
    public static Eigenpairs largest(SymmetricOperator op, int k, double tol, long seed) {
        int dim = op.dim();
        if (k < 1 || k > dim) {
            throw new AtlasException("Lanczos: asked for " + k + " eigenpairs of a " + dim + "-dimensional operator");
        }
        List<double[]> basis = new ArrayList<>();
        double[] alpha = new double[dim + 1];
        double[] beta = new double[dim + 1];
        double[] v = randomUnit(dim, new SplittableRandom(seed));
        double[] w = new double[dim];
        int checkEvery = Math.max(5, k / 2);
        for (int j = 0; j < dim; j++) {
            basis.add(v);
            op.apply(v, w);
            alpha[j] = dot(w, v);
            reorthogonalize(w, basis);
            reorthogonalize(w, basis);
            beta[j] = norm(w);
            int m = j + 1;
            boolean exhausted = beta[j] <= 1e-13 * Math.abs(alpha[0]) || m == dim;
            if (m >= k && (exhausted || (m - k) % checkEvery == 0)) {
                Eigenpairs r = ritz(basis, alpha, beta, m, k, tol, exhausted);
                if (r != null) {
                    return r;
                }
            }
            if (exhausted) {
                // invariant subspace found before k pairs: continue from a fresh orthogonal direction
                double[] fresh = randomUnit(dim, new SplittableRandom(seed + m));
                reorthogonalize(fresh, basis);
                reorthogonalize(fresh, basis);
                scale(fresh, 1 / norm(fresh));
                beta[j] = 0;
                v = fresh;
            } else {
                v = w.clone();
                scale(v, 1 / beta[j]);
            }
        }
        throw new AtlasException("Lanczos did not converge within " + dim + " steps");
    }

    /** Ritz pairs of the m-step tridiagonal; null if the top k have not converged (unless forced). */
    private static Eigenpairs ritz(List<double[]> basis, double[] alpha, double[] beta, int m, int k, double tol,
                                   boolean force) {
        DMatrixRMaj t = new DMatrixRMaj(m, m);
        for (int i = 0; i < m; i++) {
            t.set(i, i, alpha[i]);
            if (i + 1 < m) {
                t.set(i, i + 1, beta[i]);
                t.set(i + 1, i, beta[i]);
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(m, true, true);
        if (!eig.decompose(t)) {
            throw new AtlasException("Lanczos: tridiagonal eigendecomposition failed at " + m + " steps");
        }
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(eig.getEigenvalue(b).real, eig.getEigenvalue(a).real));
        double thetaMax = Math.abs(eig.getEigenvalue(order[0]).real);
        for (int i = 0; i < m; i++) {
            thetaMax = Math.max(thetaMax, Math.abs(eig.getEigenvalue(i).real));
        }
        if (!force) {
            for (int i = 0; i < k; i++) {
                DMatrixRMaj s = eig.getEigenVector(order[i]);
                if (Math.abs(beta[m - 1] * s.get(m - 1)) > tol * thetaMax) {
                    return null;
                }
            }
        }
        int dim = basis.get(0).length;
        double[] values = new double[k];
        double[][] vectors = new double[k][dim];
        for (int i = 0; i < k; i++) {
            values[i] = eig.getEigenvalue(order[i]).real;
            DMatrixRMaj s = eig.getEigenVector(order[i]);
            for (int b = 0; b < m; b++) {
                double c = s.get(b);
                double[] q = basis.get(b);
                double[] y = vectors[i];
                for (int d = 0; d < dim; d++) {
                    y[d] += c * q[d];
                }
            }
            scale(vectors[i], 1 / norm(vectors[i]));
        }
        return new Eigenpairs(values, vectors, m);
    }

    private static void reorthogonalize(double[] w, List<double[]> basis) {
        for (double[] q : basis) {
            double c = dot(w, q);
            for (int d = 0; d < w.length; d++) {
                w[d] -= c * q[d];
            }
        }
    }

    static double[] randomUnit(int dim, SplittableRandom rnd) {
        double[] v = new double[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = gaussian(rnd);
        }
        scale(v, 1 / norm(v));
        return v;
    }

    static double gaussian(SplittableRandom rnd) {
        double u1 = rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    static void scale(double[] a, double f) {
        for (int i = 0; i < a.length; i++) {
            a[i] *= f;
        }
    }
}
