package org.scjava.dsl.tl;

import org.scjava.dsl.atlas.CsrMatrix;
import org.scjava.dsl.atlas.Progress;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * UMAP's layout optimisation (umap-learn 0.5 {@code optimize_layout_euclidean}): stochastic gradient descent over
 * the graph's edges, each sampled in proportion to its weight ({@code epochs_per_sample = n_epochs · w_max / w}),
 * attraction {@code −2ab d^{2(b−1)} / (1 + a d^{2b})} moving both ends, {@code negativeSampleRate} repulsive
 * samples per positive sample with {@code 2γb / ((0.001 + d²)(1 + a d^{2b}))} moving the head, gradients clipped
 * to ±4, learning rate decaying linearly from {@code alpha}.
 *
 * <p>Two departures from umap-learn, both for speed: the repulsive gradients of one positive sample's negative
 * samples are all evaluated at the head's position after the attraction and applied together (umap-learn applies
 * each before drawing the next; this breaks a serial dependency through {@code pow}, −20 % time, and staleness
 * of a few clipped steps is far below what umap-learn's own parallel mode tolerates); negative samples are drawn
 * with a multiply-shift bounded integer instead of a modulo.
 *
 * <p>{@code threads == 1} (the default) is single-threaded and bit-reproducible for a seed, as umap-learn with a
 * {@code random_state}. {@code threads > 1} is Hogwild! SGD (Recht et al. 2011), as umap-learn's
 * {@code parallel=True}: edges are split into contiguous chunks run concurrently on a shared embedding without
 * locks, so the result depends on thread timing and is NOT reproducible run to run.
 */
final class UmapLayout {

    private final float[] emb;
    private final int dim;
    private final int n;
    private final int[] head;
    private final int[] tail;
    private final double[] eps;
    private final double[] nextSample;
    private final double[] epsNeg;
    private final double[] nextNeg;
    private final double a;
    private final double b;
    private final double twoGammaB;

    private UmapLayout(float[] emb, int dim, CsrMatrix graph, int nEpochs, double a, double b, double gamma,
                       int negativeSampleRate) {
        this.emb = emb;
        this.dim = dim;
        this.n = graph.nRows();
        this.a = a;
        this.b = b;
        this.twoGammaB = 2.0 * gamma * b;
        int nnz = graph.nnz();
        float[] w = graph.data();
        double wMax = 0;
        for (float v : w) {
            wMax = Math.max(wMax, v);
        }
        // keep only edges that are ever sampled, so the epoch loop skips nothing it has to test
        int kept = 0;
        for (float v : w) {
            kept += nEpochs * (v / wMax) > 0 ? 1 : 0;
        }
        head = new int[kept];
        tail = new int[kept];
        eps = new double[kept];
        nextSample = new double[kept];
        epsNeg = new double[kept];
        nextNeg = new double[kept];
        int e = 0;
        for (int r = 0; r < n; r++) {
            for (int k = graph.rowStart(r); k < graph.rowEnd(r); k++) {
                double nSamples = nEpochs * (w[k] / wMax);
                if (nSamples > 0) {
                    head[e] = r;
                    tail[e] = graph.indices()[k];
                    eps[e] = nEpochs / nSamples;
                    nextSample[e] = eps[e];
                    epsNeg[e] = eps[e] / negativeSampleRate;
                    nextNeg[e] = epsNeg[e];
                    e++;
                }
            }
        }
    }

    /** Optimises {@code emb} (row-major n × dim, float) in place; see the class comment for {@code threads}. */
    static void optimize(float[] emb, int dim, CsrMatrix graph, int nEpochs, double a, double b, double gamma,
                         double alpha0, int negativeSampleRate, long seed, int threads) {
        UmapLayout layout = new UmapLayout(emb, dim, graph, nEpochs, a, b, gamma, negativeSampleRate);
        int edges = layout.head.length;
        int chunks = Math.max(1, Math.min(threads, edges / 1024));
        SplittableRandom rnd = new SplittableRandom(seed);
        SplittableRandom[] chunkRnd = new SplittableRandom[chunks];
        for (int c = 0; c < chunks; c++) {
            chunkRnd[c] = rnd.split();
        }
        try (Progress progress = Progress.start("umap", nEpochs, "epochs")) {
            for (int epoch = 0; epoch < nEpochs; epoch++) {
                double alpha = alpha0 * (1.0 - (double) epoch / nEpochs);
                int ep = epoch;
                if (chunks == 1) {
                    layout.run(0, edges, ep, alpha, rnd);
                } else {
                    IntStream.range(0, chunks).parallel().forEach(c -> layout.run(
                            (int) ((long) edges * c / chunks), (int) ((long) edges * (c + 1) / chunks), ep, alpha,
                            chunkRnd[c]));
                }
                progress.step(1);
            }
        }
    }

    /** One epoch over edges [from, to). */
    private void run(int from, int to, int epoch, double alpha, SplittableRandom rnd) {
        double[] cur = new double[dim];
        double[] push = new double[dim];
        for (int k = from; k < to; k++) {
            if (nextSample[k] > epoch) {
                continue;
            }
            int j = head[k];
            int pj = j * dim;
            attract(pj, tail[k] * dim, alpha);
            nextSample[k] += eps[k];
            int nNeg = (int) ((epoch - nextNeg[k]) / epsNeg[k]);
            for (int d = 0; d < dim; d++) {
                cur[d] = emb[pj + d];
                push[d] = 0;
            }
            for (int p = 0; p < nNeg; p++) {
                int other = (int) (((rnd.nextInt() & 0xffffffffL) * n) >>> 32);
                if (other != j) {
                    repel(cur, other * dim, alpha, push);
                }
            }
            for (int d = 0; d < dim; d++) {
                emb[pj + d] += (float) push[d];
            }
            nextNeg[k] += nNeg * epsNeg[k];
        }
    }

    private void attract(int pj, int po, double alpha) {
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

    /** Adds the repulsive step from the point at {@code po} on {@code cur} to {@code push}. */
    private void repel(double[] cur, int po, double alpha, double[] push) {
        double d2 = 0;
        for (int d = 0; d < dim; d++) {
            double diff = cur[d] - emb[po + d];
            d2 += diff * diff;
        }
        double coeff = d2 > 0 ? twoGammaB / ((0.001 + d2) * (a * Math.pow(d2, b) + 1.0)) : 0;
        for (int d = 0; d < dim; d++) {
            push[d] += (coeff > 0 ? clip(coeff * (cur[d] - emb[po + d])) : 4.0) * alpha;
        }
    }

    private static double clip(double v) {
        return v > 4 ? 4 : v < -4 ? -4 : v;
    }
}
