package org.scjava.dsl.pp;

import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.Matrix;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Natural-log transform {@code X = ln(1 + X)}, as scanpy 1.9 {@code pp.log1p} and Seurat's LogNormalize step.
 *
 * <p><b>Reads</b> X (normalised counts, see {@link NormalizeTotal}). <b>Writes</b> X (same sparsity) and
 * {@code uns["log1p"] = {base: "e"}} (scanpy writes {@code {base: None}}; HVG reads it to undo the log).
 * Refuses negative values (log1p of scaled data is meaningless). <b>Memory</b>: one new value array.
 */
public final class Log1p {

    private Log1p() {
    }

    /** Static form on plain data. */
    public static Matrix log1p(Matrix x) {
        return Values.map(x, (r, c, v) -> {
            if (v < 0) {
                throw new AtlasException("log1p: X has a negative value " + v + " at (" + r + ", " + c
                        + "); log1p expects non-negative normalized counts (run it before scale())");
            }
            return Math.log1p(v);
        });
    }

    public static AtlasData apply(AtlasData atlas) {
        long start = System.nanoTime();
        if (atlas.uns().get("log1p") != null) {
            throw new AtlasException("log1p: X is already log-transformed (uns['log1p'] is set)");
        }
        atlas.setX(log1p(atlas.x()));
        Map<String, Object> base = new LinkedHashMap<>();
        base.put("base", "e");
        atlas.uns().put("log1p", base);
        return atlas.record("log1p", Map.of(), start, "log1p of X");
    }
}
