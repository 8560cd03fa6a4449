package org.scjava.spark;

import org.scjava.dsl.api.CellEmbedder;
import org.scjava.models.ModelOptions;
import org.scjava.models.Models;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How an executor loads a model: the kind and the path of its files, which must be readable on every executor
 * (a shared filesystem, or files shipped with {@code spark-submit --files}/{@code --archives}). Serializable, so the
 * driver sends only this recipe; each executor loads the model once ({@link ExecutorModels}).
 *
 * @param kind    scgpt, geneformer, scbert, scfoundation or torchscript (as {@link Models} names them)
 * @param path    model directory (or file for torchscript/scbert/scfoundation checkpoints)
 * @param threads intra-op threads per executor model (0: the runtime's default)
 */
public record ModelSpec(String kind, String path, int threads) implements Serializable {

    public ModelSpec {
        kind = kind.toLowerCase(Locale.ROOT);
        if (!java.util.Set.of("scgpt", "geneformer", "scbert", "scfoundation", "torchscript").contains(kind)) {
            throw new IllegalArgumentException("unknown model kind '" + kind
                    + "'; use scgpt, geneformer, scbert, scfoundation or torchscript");
        }
    }

    public static ModelSpec scGPT(String dir) {
        return new ModelSpec("scgpt", dir, 0);
    }

    public static ModelSpec geneformer(String dir) {
        return new ModelSpec("geneformer", dir, 0);
    }

    public static ModelSpec torchScript(String file) {
        return new ModelSpec("torchscript", file, 0);
    }

    public ModelSpec withThreads(int n) {
        return new ModelSpec(kind, path, n);
    }

    /** Loads the model (on the executor). */
    CellEmbedder load() {
        ModelOptions o = threads > 0 ? ModelOptions.defaults().withThreads(threads) : ModelOptions.defaults();
        Path p = Path.of(path);
        return switch (kind) {
            case "scgpt" -> Models.scGPT(p, o);
            case "geneformer" -> Models.geneformer(p, o);
            case "torchscript" -> Models.torchScript(p, o);
            case "scbert" -> Models.scBERT(p, o);
            case "scfoundation" -> Models.scFoundation(p, o);
            default -> throw new IllegalStateException(kind);
        };
    }
}
