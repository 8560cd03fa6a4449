package org.scjava.dsl.pp;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.scjava.dsl.core.AtlasException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Largest-algebraic eigenpairs of a symmetric operator by the Lanczos process with full re-orthogonalisation
 * (Golub &amp; Van Loan, Matrix Computations, 4th ed., §10.1), the same Krylov family as ARPACK's implicitly
 * restarted Lanczos used by scanpy ({@code svds(solver="arpack")}) and umap-learn ({@code eigsh}). The projected
 * matrix {@code H = QᵀAQ} is kept from the Gram–Schmidt coefficients; Ritz pairs are accepted when their residual
 * {@code |β s_m,i| ≤ tol·|θ_max|}. When the basis reaches {@code maxBasis} vectors it is thick-restarted (Wu &amp;
 * Simon 2000, doi:10.1137/S0895479898334605) from the best half of its Ritz vectors plus the residual, which bounds
 * memory and work for slowly converging problems (graph Laplacians). The small projected problem is solved by EJML.
 * Hand-written because no Java library on Central offers an operator-based Lanczos.
 */
public final class Lanczos {

    private Lanczos() {
    }

    /**
     * The {@code k} largest eigenpairs of {@code op}, growing the basis without restarts. {@code seed} picks the
     * start vector (results agree across seeds up to the sign of each vector and the tolerance).
     */
    public static Eigenpairs largest(SymmetricOperator op, int k, double tol, long seed) {
        return largest(op, k, tol, seed, op.dim());
    }

    /** As {@link #largest(SymmetricOperator, int, double, long)}, thick-restarting at {@code maxBasis} vectors. */
    public static Eigenpairs largest(SymmetricOperator op, int k, double tol, long seed, int maxBasis) {
        int dim = op.dim();
        if (k < 1 || k > dim) {
            throw new AtlasException("Lanczos: asked for " + k + " eigenpairs of a " + dim + "-dimensional operator");
        }
        int cap = Math.min(dim, Math.max(maxBasis, 2 * k + 2));
        List<double[]> basis = new ArrayList<>();
        double[][] h = new double[cap][cap];
        double[] v = randomUnit(dim, new SplittableRandom(seed));
        double[] w = new double[dim];
        double[] coef = new double[cap];
        int checkEvery = Math.max(5, k / 2);
        int sinceCheck = 0;
        long applications = 0;
        long maxApplications = 50L * dim + 1000;
        while (applications < maxApplications) {
            basis.add(v);
            int m = basis.size();
            op.apply(v, w);
            applications++;
            java.util.Arrays.fill(coef, 0, m, 0);
            orthogonalise(w, basis, coef);
            for (int i = 0; i < m; i++) {
                h[i][m - 1] = coef[i];
                h[m - 1][i] = coef[i];
            }
            double beta = norm(w);
            boolean exhausted = beta <= 1e-13 * Math.max(Math.abs(h[0][0]), Double.MIN_NORMAL) || m == dim;
            sinceCheck++;
            boolean full = m == cap;
            if (m >= k && (exhausted || full || sinceCheck >= checkEvery)) {
                sinceCheck = 0;
                Ritz r = ritz(h, m);
                if (exhausted || r.converged(beta, k, tol)) {
                    return r.pairs(basis, k, (int) Math.min(Integer.MAX_VALUE, applications));
                }
                if (full) {
                    int keep = Math.max(k + 1, (m + k) / 2);
                    List<double[]> kept = r.vectors(basis, keep);
                    basis.clear();
                    basis.addAll(kept);
                    for (double[] row : h) {
                        java.util.Arrays.fill(row, 0);
                    }
                    for (int i = 0; i < keep; i++) {
                        h[i][i] = r.values[i];
                    }
                }
            }
            if (exhausted) {
                // invariant subspace found before k pairs: continue from a fresh orthogonal direction
                double[] fresh = randomUnit(dim, new SplittableRandom(seed + applications));
                project(fresh, basis, new double[cap]);
                project(fresh, basis, new double[cap]);
                scale(fresh, 1 / norm(fresh));
                v = fresh;
            } else {
                v = w.clone();
                scale(v, 1 / beta);
            }
        }
        throw new AtlasException("Lanczos did not converge within " + maxApplications + " operator applications");
    }

    /** Eigenpairs of the m × m projected matrix, descending. */
    private record Ritz(double[] values, double[][] vectors, double thetaMax) {

        boolean converged(double beta, int k, double tol) {
            int m = values.length;
            for (int i = 0; i < k; i++) {
                if (Math.abs(beta * vectors[i][m - 1]) > tol * thetaMax) {
                    return false;
                }
            }
            return true;
        }

        /** The first {@code count} Ritz vectors in the full space, unit length. */
        List<double[]> vectors(List<double[]> basis, int count) {
            int dim = basis.get(0).length;
            List<double[]> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                double[] y = new double[dim];
                for (int b = 0; b < basis.size(); b++) {
                    double c = vectors[i][b];
                    double[] q = basis.get(b);
                    for (int d = 0; d < dim; d++) {
                        y[d] += c * q[d];
                    }
                }
                scale(y, 1 / norm(y));
                out.add(y);
            }
            return out;
        }

        Eigenpairs pairs(List<double[]> basis, int k, int steps) {
            return new Eigenpairs(java.util.Arrays.copyOf(values, k), vectors(basis, k).toArray(new double[0][]),
                    steps);
        }
    }

    private static Ritz ritz(double[][] h, int m) {
        DMatrixRMaj t = new DMatrixRMaj(m, m);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                t.set(i, j, h[i][j]);
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(m, true, true);
        if (!eig.decompose(t)) {
            throw new AtlasException("Lanczos: projected eigendecomposition failed at " + m + " vectors");
        }
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(eig.getEigenvalue(b).real, eig.getEigenvalue(a).real));
        double[] values = new double[m];
        double[][] vectors = new double[m][];
        double thetaMax = 0;
        for (int i = 0; i < m; i++) {
            values[i] = eig.getEigenvalue(order[i]).real;
            vectors[i] = eig.getEigenVector(order[i]).getData().clone();
            thetaMax = Math.max(thetaMax, Math.abs(values[i]));
        }
        return new Ritz(values, vectors, thetaMax);
    }

    /**
     * {@code w ⟂ basis}, adding the removed coefficients to {@code coef}: first against the two newest vectors
     * (the three-term recurrence's own terms, where the big cancellation happens), then classical Gram–Schmidt
     * against all, repeated only when it shrinks {@code w} below 1/√2 of its length (the DGKS criterion, as
     * ARPACK's {@code dsaitr}; "twice is enough", Giraud et al. 2005) — usually one full pass instead of two.
     */
    private static void orthogonalise(double[] w, List<double[]> basis, double[] coef) {
        int m = basis.size();
        for (int i = m - 1; i >= Math.max(0, m - 2); i--) {
            double[] q = basis.get(i);
            double c = dot(w, q);
            coef[i] += c;
            axpy(-c, q, w);
        }
        double before = norm(w);
        project(w, basis, coef);
        if (norm(w) < 0.7071067811865476 * before) {
            project(w, basis, coef);
        }
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int d = 0; d < y.length; d++) {
            y[d] += a * x[d];
        }
    }

    /** Classical Gram–Schmidt step: {@code w -= Q (Qᵀw)}, adding the coefficients {@code Qᵀw} to {@code coef}. */
    private static void project(double[] w, List<double[]> basis, double[] coef) {
        int m = basis.size();
        double[] c = new double[m];
        for (int i = 0; i < m; i++) {
            c[i] = dot(w, basis.get(i));
            coef[i] += c[i];
        }
        for (int i = 0; i < m; i++) {
            double[] q = basis.get(i);
            double ci = c[i];
            for (int d = 0; d < w.length; d++) {
                w[d] -= ci * q[d];
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

    /** Dot product with four partial sums (instruction-level parallelism; the order is fixed, so deterministic). */
    static double dot(double[] a, double[] b) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int n = a.length;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < n; i++) {
            s0 += a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
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
