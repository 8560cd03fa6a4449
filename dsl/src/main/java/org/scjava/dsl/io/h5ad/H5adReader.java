package org.scjava.dsl.io.h5ad;

import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.History;
import org.scjava.dsl.core.Matrix;
import org.scjava.dsl.core.Raw;
import org.scjava.dsl.io.Async;
import org.scjava.dsl.io.AtlasFormatException;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Reads an h5ad file into an {@link AtlasData}: X, obs, var, layers, obsm, varm, obsp, varp, uns and raw, every element
 * through the {@link ElementRegistry}. The provenance log scjava writes ({@code uns["scjava"]["history"]}) becomes
 * the Atlas's {@link History} again.
 */
public final class H5adReader {

    private H5adReader() {
    }

    public static AtlasData read(Path file) {
        return read(file, ElementRegistry.standard());
    }

    public static AtlasData read(Path file, ElementRegistry registry) {
        try (HdfFile h = Hdf5Files.open(file)) {
            return read(h, new ReadContext(file, registry));
        }
    }

    static AtlasData read(Group root, ReadContext ctx) {
        Node xNode = root.getChildren().get("X");
        if (xNode == null) {
            throw ctx.error(root, "no X matrix: an h5ad file holds the cells × genes matrix at /X");
        }
        // X (inflated on all cores) and the obs/var string columns (decoded one string at a time) overlap.
        CompletableFuture<DataFrame> obsF = CompletableFuture.supplyAsync(() -> frame(root, "obs", ctx));
        CompletableFuture<DataFrame> varF = CompletableFuture.supplyAsync(() -> frame(root, "var", ctx));
        Object x = ctx.read(xNode);
        if (!(x instanceof Matrix matrix)) {
            throw ctx.error(xNode, "X must be a 2-D matrix (csr_matrix, csc_matrix or a 2-D array), found "
                    + x.getClass().getSimpleName());
        }
        DataFrame obs = Async.join(obsF);
        DataFrame var = Async.join(varF);
        AtlasData atlas;
        try {
            atlas = new AtlasData(matrix, obs.table(), var.table());
        } catch (AtlasException e) {
            throw new AtlasFormatException(ctx.file(), "/", "shapes do not match: X is " + matrix.shapeString()
                    + " — " + e.getMessage());
        }
        atlas.obsCategories().putAll(obs.categories());
        atlas.varCategories().putAll(var.categories());
        readMatrices(root, "layers", ctx, atlas::putLayer, atlas);
        readMatrices(root, "obsm", ctx, atlas::putObsm, atlas);
        readMatrices(root, "varm", ctx, atlas::putVarm, atlas);
        readMatrices(root, "obsp", ctx, atlas::putObsp, atlas);
        readMatrices(root, "varp", ctx, atlas::putVarp, atlas);
        Node uns = root.getChildren().get("uns");
        if (uns != null) {
            Object u = ctx.read(uns);
            if (!(u instanceof Map<?, ?> map)) {
                throw ctx.error(uns, "uns must be a dict");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) map;
            restoreHistory(m, atlas, ctx, uns);
            atlas.uns().putAll(m);
        }
        Node raw = root.getChildren().get("raw");
        if (raw instanceof Group rg) {
            atlas.setRaw(readRaw(rg, ctx, atlas.nObs()));
        }
        atlas.setSource(ctx.file());
        return atlas;
    }


    public static DataFrame frame(Group root, String name, ReadContext ctx) {
        Node n = root.getChildren().get(name);
        if (n == null) {
            throw ctx.error(root, "no /" + name + " dataframe (every h5ad file has obs and var)");
        }
        Object v = ctx.read(n);
        if (!(v instanceof DataFrame df)) {
            throw ctx.error(n, name + " must be a dataframe, found " + v.getClass().getSimpleName());
        }
        return df;
    }

    private interface Put {
        void put(String key, Matrix m);
    }

    private static void readMatrices(Group root, String slot, ReadContext ctx, Put put, AtlasData atlas) {
        Node n = root.getChildren().get(slot);
        if (n == null) {
            return;
        }
        if (!(n instanceof Group g)) {
            throw ctx.error(n, slot + " must be a group of matrices");
        }
        for (var e : g.getChildren().entrySet()) {
            Object v = ctx.read(e.getValue());
            Matrix m = asMatrix(v, ctx, e.getValue());
            try {
                put.put(e.getKey(), m);
            } catch (AtlasException ex) {
                throw ctx.error(e.getValue(), ex.getMessage());
            }
        }
    }

    /** 1-D arrays in obsm/varm become one-column matrices. */
    private static Matrix asMatrix(Object v, ReadContext ctx, Node node) {
        if (v instanceof Matrix m) {
            return m;
        }
        if (v != null && v.getClass().isArray() && v.getClass().getComponentType().isPrimitive()) {
            float[] f = Hdf5Arrays.toFloat(v);
            return new org.scjava.dsl.core.DenseMatrix(f.length, 1, f);
        }
        throw ctx.error(node, "expected a matrix (array or sparse matrix), found "
                + (v == null ? "nothing" : v.getClass().getSimpleName()) + "; scjava keeps only matrices in this slot");
    }

    private static Raw readRaw(Group rg, ReadContext ctx, int nObs) {
        Node x = rg.getChildren().get("X");
        if (x == null) {
            throw ctx.error(rg, "raw has no X");
        }
        Matrix rx = asMatrix(ctx.read(x), ctx, x);
        DataFrame rvar = frame(rg, "var", ctx);
        Map<String, Matrix> varm = new LinkedHashMap<>();
        if (rg.getChildren().get("varm") instanceof Group vg) {
            for (var e : vg.getChildren().entrySet()) {
                varm.put(e.getKey(), asMatrix(ctx.read(e.getValue()), ctx, e.getValue()));
            }
        }
        if (rx.nRows() != nObs) {
            throw ctx.error(x, "raw.X has " + rx.nRows() + " rows but X has " + nObs);
        }
        try {
            return new Raw(rx, rvar.table(), varm);
        } catch (AtlasException e) {
            throw ctx.error(rg, e.getMessage());
        }
    }

    private static void restoreHistory(Map<String, Object> uns, AtlasData atlas, ReadContext ctx, Node unsNode) {
        if (!(uns.get(H5adWriter.SCJAVA_KEY) instanceof Map<?, ?> sc) || !(sc.get("history") instanceof String[] json)) {
            return;
        }
        try {
            History.fromJson(json).entries().forEach(atlas.history()::add);
        } catch (IllegalArgumentException e) {
            throw ctx.error(unsNode, "uns/scjava/history: " + e.getMessage());
        }
        Map<String, Object> rest = new LinkedHashMap<>();
        sc.forEach((k, v) -> {
            if (!"history".equals(k)) {
                rest.put(String.valueOf(k), v);
            }
        });
        if (rest.isEmpty()) {
            uns.remove(H5adWriter.SCJAVA_KEY);
        } else {
            uns.put(H5adWriter.SCJAVA_KEY, rest);
        }
    }
}
