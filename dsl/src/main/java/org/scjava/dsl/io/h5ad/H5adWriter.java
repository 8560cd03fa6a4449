package org.scjava.dsl.io.h5ad;

import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.Matrix;
import org.scjava.dsl.io.AtlasFormatException;
import org.scjava.dsl.io.hdf5.H5Group;
import org.scjava.dsl.io.hdf5.H5Writer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes an {@link AtlasData} as h5ad (anndata's on-disk format, encoding 0.1.0) that Python anndata reads back
 * unchanged. The file is written under a temporary name in the target's directory and renamed over the target only
 * when complete, so a crash never leaves a half-written file under the target name.
 */
public final class H5adWriter {

    /** uns key under which scjava keeps its provenance log. */
    public static final String SCJAVA_KEY = "scjava";

    private H5adWriter() {
    }

    public static void write(AtlasData atlas, Path target) {
        write(atlas, target, H5adWriteOptions.defaults());
    }

    public static void write(AtlasData atlas, Path target, H5adWriteOptions options) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = dir.resolve("." + target.getFileName() + ".tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            Files.createDirectories(dir);
            try (H5Writer w = H5Writer.create(tmp)) {
                writeTo(atlas, w.root(), new WriteContext(target, ElementRegistry.standard(), options));
            }
            moveIntoPlace(tmp, target);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new AtlasFormatException(target, "", "cannot write: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            if (e instanceof AtlasFormatException || e instanceof UncheckedIOException) {
                throw e;
            }
            throw new AtlasFormatException(target, "", "cannot write: " + e.getMessage(), e);
        }
    }

    static void writeTo(AtlasData atlas, H5Group root, WriteContext ctx) {
        ElementRegistry.stamp(root, IOSpec.ANNDATA);
        TableColumns.promoteStringsToCategoricals(atlas.obs(), atlas.obsCategories());
        TableColumns.promoteStringsToCategoricals(atlas.var(), atlas.varCategories());
        ctx.write(root, "X", atlas.x());
        ctx.write(root, "obs", new DataFrame(atlas.obs(), atlas.obsCategories()));
        ctx.write(root, "var", new DataFrame(atlas.var(), atlas.varCategories()));
        writeMatrices(root, "layers", atlas.layers(), ctx);
        writeMatrices(root, "obsm", atlas.obsm(), ctx);
        writeMatrices(root, "varm", atlas.varm(), ctx);
        writeMatrices(root, "obsp", atlas.obsp(), ctx);
        writeMatrices(root, "varp", atlas.varp(), ctx);
        ctx.write(root, "uns", unsWithHistory(atlas));
        if (atlas.raw() != null) {
            H5Group raw = ElementRegistry.stamp(root.group("raw"), IOSpec.RAW);
            ctx.write(raw, "X", atlas.raw().x());
            ctx.write(raw, "var", DataFrame.of(atlas.raw().var()));
            writeMatrices(raw, "varm", atlas.raw().varm(), ctx);
        }
    }

    private static void writeMatrices(H5Group parent, String slot, Map<String, Matrix> m, WriteContext ctx) {
        ctx.write(parent, slot, new LinkedHashMap<String, Object>(m));
    }

    private static Map<String, Object> unsWithHistory(AtlasData atlas) {
        Map<String, Object> uns = new LinkedHashMap<>(atlas.uns());
        if (!atlas.history().isEmpty()) {
            Map<String, Object> sc = new LinkedHashMap<>();
            if (uns.get(SCJAVA_KEY) instanceof Map<?, ?> existing) {
                existing.forEach((k, v) -> sc.put(String.valueOf(k), v));
            }
            sc.put("history", atlas.history().toJson());
            uns.put(SCJAVA_KEY, sc);
        }
        return uns;
    }

    private static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // the original error is more useful than a failure to clean up
        }
    }
}
