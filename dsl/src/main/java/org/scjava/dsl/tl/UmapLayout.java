package org.scjava.dsl.tl;

import org.scjava.dsl.core.CsrMatrix;
import org.scjava.dsl.core.Progress;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * UMAP's layout optimisation (umap-learn 0.5 {@code optimize_layout_euclidean}): stochastic gradient descent over
 * the graph's edges, each sampled in proportion to its weight ({@code epochs_per_sample = n_epochs · w_max / w}),
 * attraction {@code −2ab d^{2(b−1)} / (1 + a d^{2b})} moving both ends, {@code negativeSampleRate} repulsive
 * samples per positive sample with {@code 2γb / ((0.001 + d²)(1 + a d^{2b}))} moving the head, gradients clipped
 * to ±4, learning rate decaying linearly from {@code alpha}.
 *
 * <p>Departures from umap-learn, all for speed: the repulsive gradients of one positive sample's negative
 * samples are all evaluated at the head's position after the attraction and applied together (umap-learn applies
 * each before drawing the next; this breaks a serial dependency through {@code pow}, −20 % time); negative
 * samples are drawn with a multiply-shift bounded integer instead of a modulo; and the default schedule is a
 * deterministic parallel one. umap-learn single-threaded applies every move at once (reproducible, one core); its
 * {@code parallel=True} is Hogwild! (Recht et al. 2011: threads share the embedding without locks, so results
 * depend on thread timing). Here, by default, the edges (sorted by head) are split into a fixed number
 * ({@value #CHUNKS}, fewer for tiny graphs) of contiguous chunks; in each epoch every chunk runs its samples in
 * order on its own copy of the epoch-start embedding with its own seeded random stream, and at the epoch's end
 * the chunks' moves are added to the embedding in chunk order (Gauss–Seidel within a chunk, Jacobi across
 * chunks, as synchronous data-parallel SGD). Chunks run concurrently on all cores, but the result depends only
 * on the seed: it is identical run to run and for any number of cores. The staleness this adds (a point moved by
 * several chunks in one epoch sees the others' moves one epoch late) is of the same kind Hogwild! tolerates and
 * leaves the trustworthiness parity test with umap-learn unchanged. {@code hogwild = true} keeps umap-learn's
 * {@code parallel=True} scheme (chunks on the shared embedding, NOT reproducible) for comparison.
 */
final class UmapLayout {

    /** Edge chunks of the deterministic schedule: fixed, so results never depend on the core count. */
    static final int CHUNKS = 8;

    /** Embedding entries from which the end-of-epoch merge runs in parallel. */
    private static final int PARALLEL_MERGE_FROM = 1 << 16;

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

    private UmapLayout(int dim, CsrMatrix graph, int nEpochs, double a, double b, double gamma,
                       int negativeSampleRate) {
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

    /** Optimises {@code emb} (row-major n × dim, float) in place; see the class comment for {@code hogwild}. */
    static void optimize(float[] emb, int dim, CsrMatrix graph, int nEpochs, double a, double b, double gamma,
                         double alpha0, int negativeSampleRate, long seed, boolean hogwild) {
        UmapLayout layout = new UmapLayout(dim, graph, nEpochs, a, b, gamma, negativeSampleRate);
        int edges = layout.head.length;
        int chunks = Math.max(1, Math.min(hogwild ? Runtime.getRuntime().availableProcessors() : CHUNKS,
                edges / 1024));
        SplittableRandom rnd = new SplittableRandom(seed);
        SplittableRandom[] chunkRnd = new SplittableRandom[chunks];
        // each chunk's copy of the embedding; all alias emb when chunks share it (Hogwild!, or a single chunk)
        float[][] pos = new float[chunks][];
        for (int c = 0; c < chunks; c++) {
            chunkRnd[c] = chunks == 1 ? rnd : rnd.split();
            pos[c] = hogwild || chunks == 1 ? emb : emb.clone();
        }
        try (Progress progress = Progress.start("umap", nEpochs, "epochs")) {
            for (int epoch = 0; epoch < nEpochs; epoch++) {
                double alpha = alpha0 * (1.0 - (double) epoch / nEpochs);
                int ep = epoch;
                if (chunks == 1) {
                    layout.run(0, edges, ep, alpha, rnd, emb);
                } else {
                    IntStream.range(0, chunks).parallel().forEach(c -> layout.run(
                            (int) ((long) edges * c / chunks), (int) ((long) edges * (c + 1) / chunks), ep, alpha,
                            chunkRnd[c], pos[c]));
                    if (pos[0] != emb) {
                        merge(emb, pos);
                    }
                }
                progress.step(1);
            }
        }
    }

    /** {@code emb += Σ_c (pos[c] − emb)} summed in chunk order, then every copy reset to the result. */
    private static void merge(float[] emb, float[][] pos) {
        int len = emb.length;
        int blocks = len >= PARALLEL_MERGE_FROM ? CHUNKS : 1;
        IntStream range = IntStream.range(0, blocks);
        (blocks > 1 ? range.parallel() : range).forEach(bl -> {
            int to = (int) ((long) len * (bl + 1) / blocks);
            for (int i = (int) ((long) len * bl / blocks); i < to; i++) {
                float start = emb[i];
                double sum = start;
                for (float[] p : pos) {
                    sum += p[i] - start;
                }
                float v = (float) sum;
                emb[i] = v;
                for (float[] p : pos) {
                    p[i] = v;
                }
            }
        });
    }

    /** One epoch over edges [from, to), reading and moving the coordinates in {@code emb}. */
    private void run(int from, int to, int epoch, double alpha, SplittableRandom rnd, float[] emb) {
        if (dim == 2) {
            run2(from, to, epoch, alpha, rnd, emb);
            return;
        }
        double[] cur = new double[dim];
        double[] push = new double[dim];
        for (int k = from; k < to; k++) {
            if (nextSample[k] > epoch) {
                continue;
            }
            int j = head[k];
            int pj = j * dim;
            attract(emb, pj, tail[k] * dim, alpha);
            nextSample[k] += eps[k];
            int nNeg = (int) ((epoch - nextNeg[k]) / epsNeg[k]);
            for (int d = 0; d < dim; d++) {
                cur[d] = emb[pj + d];
                push[d] = 0;
            }
            for (int p = 0; p < nNeg; p++) {
                int other = (int) (((rnd.nextInt() & 0xffffffffL) * n) >>> 32);
                if (other != j) {
                    repel(emb, cur, other * dim, alpha, push);
                }
            }
            for (int d = 0; d < dim; d++) {
                emb[pj + d] += (float) push[d];
            }
            nextNeg[k] += nNeg * epsNeg[k];
        }
    }

    /**
     * {@link #run} for two dimensions (the usual case) with the coordinates in locals: the same operations in the
     * same order, so bit-identical results, ~6 % faster.
     */
    private void run2(int from, int to, int epoch, double alpha, SplittableRandom rnd, float[] emb) {
        double abTwo = -2.0 * a * b;
        for (int k = from; k < to; k++) {
            if (nextSample[k] > epoch) {
                continue;
            }
            int j = head[k];
            int pj = 2 * j;
            int po = 2 * tail[k];
            double dx = emb[pj] - emb[po];
            double dy = emb[pj + 1] - emb[po + 1];
            double d2 = dx * dx + dy * dy;
            if (d2 > 0) {
                double p = Math.pow(d2, b);
                double coeff = abTwo * (p / d2) / (a * p + 1.0);
                float gx = (float) (clip(coeff * dx) * alpha);
                float gy = (float) (clip(coeff * dy) * alpha);
                emb[pj] += gx;
                emb[pj + 1] += gy;
                emb[po] -= gx;
                emb[po + 1] -= gy;
            }
            nextSample[k] += eps[k];
            int nNeg = (int) ((epoch - nextNeg[k]) / epsNeg[k]);
            double cx = emb[pj];
            double cy = emb[pj + 1];
            double px = 0;
            double py = 0;
            for (int q = 0; q < nNeg; q++) {
                int other = (int) (((rnd.nextInt() & 0xffffffffL) * n) >>> 32);
                if (other != j) {
                    double ex = cx - emb[2 * other];
                    double ey = cy - emb[2 * other + 1];
                    double e2 = ex * ex + ey * ey;
                    double coeff = e2 > 0 ? twoGammaB / ((0.001 + e2) * (a * Math.pow(e2, b) + 1.0)) : 0;
                    px += (coeff > 0 ? clip(coeff * ex) : 4.0) * alpha;
                    py += (coeff > 0 ? clip(coeff * ey) : 4.0) * alpha;
                }
            }
            emb[pj] += (float) px;
            emb[pj + 1] += (float) py;
            nextNeg[k] += nNeg * epsNeg[k];
        }
    }

    private void attract(float[] emb, int pj, int po, double alpha) {
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
    private void repel(float[] emb, double[] cur, int po, double alpha, double[] push) {
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
