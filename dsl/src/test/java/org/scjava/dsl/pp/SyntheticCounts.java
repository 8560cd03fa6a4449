package org.scjava.dsl.pp;

import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.core.CsrMatrix;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.SplittableRandom;

/** Synthetic count matrices for unit tests (no real data needed). */
public final class SyntheticCounts {

    private SyntheticCounts() {
    }

    /** Poisson-ish counts: n cells × g genes, with 3 cell groups that up-regulate different gene blocks. */
    public static Atlas counts(int n, int g, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = new float[n * g];
        for (int i = 0; i < n; i++) {
            double depth = 0.5 + rnd.nextDouble();
            for (int j = 0; j < g; j++) {
                double rate = depth * (0.05 + 3.0 * Math.pow((j % 17) / 17.0, 3));
                if (j % 3 == i % 3 && j < g / 2) {
                    rate *= 6;
                }
                int k = 0;
                double l = Math.exp(-rate);
                double p = rnd.nextDouble();
                while (p > l && k < 200) {
                    p *= rnd.nextDouble();
                    k++;
                }
                x[i * g + j] = k;
            }
        }
        String[] genes = new String[g];
        for (int j = 0; j < g; j++) {
            genes[j] = (j < 3 ? "MT-" : "G") + j;
        }
        String[] cells = new String[n];
        for (int i = 0; i < n; i++) {
            cells[i] = "c" + i;
        }
        return new Atlas(CsrMatrix.fromDense(n, g, x), Table.create("obs", StringColumn.create("_index", cells)),
                Table.create("var", StringColumn.create("_index", genes)));
    }
}
