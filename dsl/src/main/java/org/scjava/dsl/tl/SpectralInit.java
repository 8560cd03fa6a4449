package org.scjava.dsl.tl;

import org.scjava.dsl.atlas.CsrMatrix;
import org.scjava.dsl.pp.Eigenpairs;
import org.scjava.dsl.pp.Lanczos;
import org.scjava.dsl.pp.SymmetricOperator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * UMAP's spectral initialisation (umap-learn 0.5 {@code spectral_layout}): the eigenvectors of the normalised
 * Laplacian {@code I − D^{-1/2} W D^{-1/2}} for the 2nd..(dim+1)th smallest eigenvalues, computed as the largest
 * eigenvectors of {@code D^{-1/2} W D^{-1/2}} by {@link Lanczos}. Disconnected graphs are laid out per component
 * and the components placed apart (a simplification of umap-learn's {@code multi_component_layout}, which also
 * separates components); components too small for a spectral layout, or a failed eigensolve, get uniform random
 * coordinates (umap-learn's fallback).
 */
final class SpectralInit {

    private SpectralInit() {
    }

    /** Row-major n × dim coordinates, each component scaled to max |coord| = 1 before placement. */
    static double[] layout(CsrMatrix graph, int dim, long seed) {
        int n = graph.nRows();
        int[] comp = components(graph);
        int nComp = 0;
        for (int c : comp) {
            nComp = Math.max(nComp, c + 1);
        }
        List<List<Integer>> members = new ArrayList<>();
        for (int c = 0; c < nComp; c++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            members.get(comp[i]).add(i);
        }
        double[] out = new double[n * dim];
        SplittableRandom rnd = new SplittableRandom(seed);
        // components are placed on a circle (2-d) or along axes; a single component sits at the origin
        double spacing = nComp == 1 ? 0 : 3.0;
        for (int c = 0; c < nComp; c++) {
            int[] nodes = members.get(c).stream().mapToInt(Integer::intValue).toArray();
            double[] coords = nodes.length > 2 * dim + 1 ? componentLayout(graph, nodes, dim, seed) : null;
            double angle = 2 * Math.PI * c / nComp;
            for (int p = 0; p < nodes.length; p++) {
                for (int d = 0; d < dim; d++) {
                    double centre = spacing * (d == 0 ? Math.cos(angle) : d == 1 ? Math.sin(angle) : 0);
                    double v = coords != null ? coords[p * dim + d] : rnd.nextDouble(-1, 1);
                    out[nodes[p] * dim + d] = centre + v;
                }
            }
        }
        return out;
    }

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
            e = Lanczos.largest(op, dim + 1, 1e-6, seed);
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
