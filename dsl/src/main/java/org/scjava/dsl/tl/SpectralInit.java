package org.scjava.dsl.tl;

import org.scjava.dsl.core.CsrMatrix;
import org.scjava.dsl.core.DenseMatrix;
import org.scjava.dsl.pp.Eigenpairs;
import org.scjava.dsl.pp.Lanczos;
import org.scjava.dsl.pp.SymmetricOperator;

import java.util.SplittableRandom;

/**
 * UMAP's spectral initialisation (umap-learn 0.5 {@code spectral_layout}): the eigenvectors of the normalised
 * Laplacian {@code I − D^{-1/2} W D^{-1/2}} for the 2nd..(dim+1)th smallest eigenvalues, computed as the largest
 * eigenvectors of {@code D^{-1/2} W D^{-1/2}} by {@link Lanczos} to umap-learn's tolerance 1e-4.
 *
 * <p>A disconnected graph follows umap-learn's {@code multi_component_layout}: each component gets a meta
 * position — ±unit vectors when there are at most 2·dim components, else the spectral embedding of the
 * components' centroids in the representation ({@link ComponentLayout}) — and its own spectral layout scaled to
 * half the distance to the nearest other meta position. Components with fewer than 2·dim cells, or whose
 * eigensolve fails, get uniform random coordinates in that range (umap-learn's fallback).
 */
final class SpectralInit {

    private static final double TOLERANCE = 1e-4;

    private SpectralInit() {
    }

    /**
     * Row-major n × dim coordinates. {@code data} (cells × features, the representation the graph was built from)
     * places the components when there are more than 2·dim of them; null = random placement, as umap-learn
     * without data.
     */
    static double[] layout(CsrMatrix graph, DenseMatrix data, int dim, long seed) {
        int n = graph.nRows();
        int[] comp = components(graph);
        int nComp = 0;
        for (int c : comp) {
            nComp = Math.max(nComp, c + 1);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        if (nComp == 1) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            double[] coords = componentLayout(graph, all, dim, seed);
            if (coords == null) {
                coords = new double[n * dim];
                for (int i = 0; i < coords.length; i++) {
                    coords[i] = rnd.nextDouble(-10, 10);
                }
            }
            return coords;
        }
        int[][] members = members(comp, nComp);
        double[][] meta = nComp > 2 * dim ? ComponentLayout.meta(data, members, dim, rnd) : unitMeta(nComp, dim);
        double[] out = new double[n * dim];
        for (int c = 0; c < nComp; c++) {
            int[] nodes = members[c];
            double range = halfGap(meta, c);
            double[] coords = nodes.length >= 2 * dim && nodes.length > dim + 1
                    ? componentLayout(graph, nodes, dim, seed) : null;
            for (int p = 0; p < nodes.length; p++) {
                for (int d = 0; d < dim; d++) {
                    double v = coords != null ? coords[p * dim + d] * range : rnd.nextDouble(-range, range);
                    out[nodes[p] * dim + d] = meta[c][d] + v;
                }
            }
        }
        return out;
    }

    /** umap-learn's meta embedding for ≤ 2·dim components: e₀, e₁, …, then −e₀, −e₁, …. */
    private static double[][] unitMeta(int nComp, int dim) {
        int k = (nComp + 1) / 2;
        double[][] meta = new double[nComp][dim];
        for (int c = 0; c < nComp; c++) {
            meta[c][c % k] = c < k ? 1 : -1;
        }
        return meta;
    }

    /** Half the distance from meta point c to the nearest other distinct one. */
    private static double halfGap(double[][] meta, int c) {
        double best = Double.POSITIVE_INFINITY;
        for (int o = 0; o < meta.length; o++) {
            double s = 0;
            for (int d = 0; d < meta[c].length; d++) {
                double diff = meta[c][d] - meta[o][d];
                s += diff * diff;
            }
            if (s > 0) {
                best = Math.min(best, Math.sqrt(s));
            }
        }
        return Double.isFinite(best) ? best / 2 : 1;
    }

    private static int[][] members(int[] comp, int nComp) {
        int[] size = new int[nComp];
        for (int c : comp) {
            size[c]++;
        }
        int[][] out = new int[nComp][];
        for (int c = 0; c < nComp; c++) {
            out[c] = new int[size[c]];
        }
        int[] fill = new int[nComp];
        for (int i = 0; i < comp.length; i++) {
            out[comp[i]][fill[comp[i]]++] = i;
        }
        return out;
    }

    /** The component's eigenvector coordinates scaled to max |coord| = 1; null if the eigensolve fails. */
    private static double[] componentLayout(CsrMatrix graph, int[] nodes, int dim, long seed) {
        int m = nodes.length;
        int[] local = new int[graph.nRows()];
        java.util.Arrays.fill(local, -1);
        for (int p = 0; p < m; p++) {
            local[nodes[p]] = p;
        }
        double[] invSqrtDeg = new double[m];
        for (int p = 0; p < m; p++) {
            double s = 0;
            for (int k = graph.rowStart(nodes[p]); k < graph.rowEnd(nodes[p]); k++) {
                s += graph.data()[k];
            }
            invSqrtDeg[p] = s > 0 ? 1 / Math.sqrt(s) : 0;
        }
        SymmetricOperator op = new SymmetricOperator() {
            @Override
            public int dim() {
                return m;
            }

            @Override
            public void apply(double[] in, double[] out) {
                for (int p = 0; p < m; p++) {
                    double s = 0;
                    int i = nodes[p];
                    for (int k = graph.rowStart(i); k < graph.rowEnd(i); k++) {
                        int q = local[graph.indices()[k]];
                        s += graph.data()[k] * invSqrtDeg[q] * in[q];
                    }
                    out[p] = invSqrtDeg[p] * s;
                }
            }
        };
        Eigenpairs e;
        try {
            e = Lanczos.largest(op, dim + 1, TOLERANCE, seed, Math.max(2 * (dim + 1) + 1, (int) Math.sqrt(m)));
        } catch (RuntimeException ex) {
            return null;
        }
        double[] coords = new double[m * dim];
        double max = 0;
        for (int d = 0; d < dim; d++) {
            double[] v = e.vectors()[d + 1];
            for (int p = 0; p < m; p++) {
                coords[p * dim + d] = v[p];
                max = Math.max(max, Math.abs(v[p]));
            }
        }
        for (int i = 0; i < coords.length; i++) {
            coords[i] /= max > 0 ? max : 1;
        }
        return coords;
    }

    /** Connected-component label of each node (breadth-first search). */
    static int[] components(CsrMatrix graph) {
        int n = graph.nRows();
        int[] label = new int[n];
        java.util.Arrays.fill(label, -1);
        int[] queue = new int[n];
        int next = 0;
        for (int s = 0; s < n; s++) {
            if (label[s] >= 0) {
                continue;
            }
            int head = 0;
            int tail = 0;
            queue[tail++] = s;
            label[s] = next;
            while (head < tail) {
                int i = queue[head++];
                for (int k = graph.rowStart(i); k < graph.rowEnd(i); k++) {
                    int j = graph.indices()[k];
                    if (label[j] < 0 && graph.data()[k] > 0) {
                        label[j] = next;
                        queue[tail++] = j;
                    }
                }
            }
            next++;
        }
        return label;
    }
}
