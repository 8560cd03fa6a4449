package org.scjava.dsl.pp;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LanczosTest {

    /** A diagonal operator with a slowly decaying spectrum, rotated by a fixed Householder reflection. */
    private static SymmetricOperator operator(double[] diag, double[] u) {
        return new SymmetricOperator() {
            @Override
            public int dim() {
                return diag.length;
            }

            @Override
            public void apply(double[] in, double[] out) {
                // H D H with H = I - 2 u uᵀ (u unit)
                double[] t = in.clone();
                double s = Lanczos.dot(u, t);
                for (int i = 0; i < t.length; i++) {
                    t[i] = diag[i] * (t[i] - 2 * s * u[i]);
                }
                double r = Lanczos.dot(u, t);
                for (int i = 0; i < t.length; i++) {
                    out[i] = t[i] - 2 * r * u[i];
                }
            }
        };
    }

    @Test
    void thickRestartFindsTheSamePairsAsTheUnrestartedProcess() {
        int n = 600;
        double[] diag = new double[n];
        for (int i = 0; i < n; i++) {
            diag[i] = 1.0 / (1 + 0.05 * i) + (i % 7) * 1e-4; // clustered near the top: slow convergence
        }
        double[] u = Lanczos.randomUnit(n, new SplittableRandom(4));
        SymmetricOperator op = operator(diag, u);
        Eigenpairs full = Lanczos.largest(op, 5, 1e-10, 1);
        Eigenpairs restarted = Lanczos.largest(op, 5, 1e-10, 1, 20);
        double[] sorted = diag.clone();
        java.util.Arrays.sort(sorted);
        for (int i = 0; i < 5; i++) {
            assertThat(full.values()[i]).isCloseTo(sorted[n - 1 - i], within(1e-9));
            assertThat(restarted.values()[i]).isCloseTo(sorted[n - 1 - i], within(1e-9));
            assertThat(Math.abs(Lanczos.dot(full.vectors()[i], restarted.vectors()[i]))).isCloseTo(1, within(1e-6));
        }
    }
}
