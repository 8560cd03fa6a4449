package org.scjava.dsl.tl;

import org.scjava.dsl.atlas.CsrMatrix;
import org.scjava.dsl.atlas.Progress;

import java.util.SplittableRandom;

/**
 * UMAP's layout optimisation (umap-learn 0.5 {@code optimize_layout_euclidean}, single-threaded as umap-learn runs
 * it when a seed is given): stochastic gradient descent over the graph's edges, each sampled in proportion to its
 * weight ({@code epochs_per_sample = n_epochs · w_max / w}), attraction {@code −2ab d^{2(b−1)} / (1 + a d^{2b})},
 * {@code negativeSampleRate} repulsive samples per positive sample with {@code 2γb / ((0.001 + d²)(1 + a d^{2b}))},
 * gradients clipped to ±4, learning rate decaying linearly from {@code alpha}.
 */
final class UmapLayout {

    private UmapLayout() {
    }

    /** Optimises {@code emb} (row-major n × dim, float) in place. */
    static void optimize(float[] emb, int dim, CsrMatrix graph, int nEpochs, double a, double b, double gamma,
                         double alpha0, int negativeSampleRate, long seed) {
        int n = graph.nRows();
        int nnz = graph.nnz();
        int[] head = new int[nnz];
        int[] tail = graph.indices();
        float[] w = graph.data();
        double wMax = 0;
        for (int r = 0; r < n; r++) {
            for (int k = graph.rowStart(r); k < graph.rowEnd(r); k++) {
                head[k] = r;
                wMax = Math.max(wMax, w[k]);
            }
        }
        double[] eps = new double[nnz];
        double[] nextSample = new double[nnz];
        double[] epsNeg = new double[nnz];
        double[] nextNeg = new double[nnz];
        for (int k = 0; k < nnz; k++) {
            double nSamples = nEpochs * (w[k] / wMax);
            eps[k] = nSamples > 0 ? nEpochs / nSamples : -1;
            nextSample[k] = eps[k];
            epsNeg[k] = eps[k] / negativeSampleRate;
            nextNeg[k] = epsNeg[k];
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] cur = new double[dim];
        try (Progress progress = Progress.start("umap", nEpochs, "epochs")) {
            for (int epoch = 0; epoch < nEpochs; epoch++) {
                double alpha = alpha0 * (1.0 - (double) epoch / nEpochs);
                for (int k = 0; k < nnz; k++) {
                    if (eps[k] <= 0 || nextSample[k] > epoch) {
                        continue;
                    }
                    int j = head[k];
                    int o = tail[k];
                    attract(emb, dim, j, o, a, b, alpha);
                    nextSample[k] += eps[k];
                    int nNeg = (int) ((epoch - nextNeg[k]) / epsNeg[k]);
                    for (int p = 0; p < nNeg; p++) {
                        int other = rnd.nextInt(n);
                        if (other != j) {
                            repel(emb, dim, j, other, a, b, gamma, alpha, cur);
                        }
                    }
                    nextNeg[k] += nNeg * epsNeg[k];
                }
                progress.step(1);
            }
        }
    }

    private static void attract(float[] emb, int dim, int j, int o, double a, double b, double alpha) {
        int pj = j * dim;
        int po = o * dim;
        double d2 = 0;
        for (int d = 0; d < dim; d++) {
            double diff = emb[pj + d] - emb[po + d];
            d2 += diff * diff;
        }
        if (d2 <= 0) {
            return;
        }
        double p = Math.pow(d2, b); // d^{2(b-1)} = p / d2: one pow per sample instead of two
        double coeff = -2.0 * a * b * (p / d2) / (a * p + 1.0);
        for (int d = 0; d < dim; d++) {
            double g = clip(coeff * (emb[pj + d] - emb[po + d])) * alpha;
            emb[pj + d] += (float) g;
            emb[po + d] -= (float) g;
        }
    }

    private static void repel(float[] emb, int dim, int j, int o, double a, double b, double gamma, double alpha,
                              double[] cur) {
        int pj = j * dim;
        int po = o * dim;
        double d2 = 0;
        for (int d = 0; d < dim; d++) {
            double diff = emb[pj + d] - emb[po + d];
            d2 += diff * diff;
        }
        double coeff = d2 > 0 ? 2.0 * gamma * b / ((0.001 + d2) * (a * Math.pow(d2, b) + 1.0)) : 0;
        for (int d = 0; d < dim; d++) {
            double g = coeff > 0 ? clip(coeff * (emb[pj + d] - emb[po + d])) : 4.0;
            emb[pj + d] += (float) (g * alpha);
        }
    }

    private static double clip(double v) {
        return v > 4 ? 4 : v < -4 ? -4 : v;
    }
}
