package org.scjava.models;

import org.scjava.models.api.FoundationModel;
import org.scjava.models.geneformer.GeneformerModel;
import org.scjava.models.scgpt.ScGptModel;
import org.scjava.models.torchscript.TorchScriptModel;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Model kinds by name ("scgpt", "geneformer", "torchscript", and whatever {@link ModelProvider}s add), so the
 * {@code %model load KIND PATH} magic and {@link Models#load} need no switch over kinds.
 */
public final class ModelRegistry {

    private static final ModelRegistry DEFAULT = createDefault();

    private final Map<String, ModelLoader> loaders = new ConcurrentHashMap<>();

    /** The process-wide registry with the built-in kinds and every provider on the class path. */
    public static ModelRegistry defaultRegistry() {
        return DEFAULT;
    }

    private static ModelRegistry createDefault() {
        ModelRegistry r = new ModelRegistry();
        r.register("scgpt", (p, o) -> ScGptModel.builder().setDirectory(p).optOptions(o).build());
        r.register("geneformer", (p, o) -> GeneformerModel.builder().setDirectory(p).optOptions(o).build());
        r.register("torchscript", (p, o) -> TorchScriptModel.builder().setFile(p).optOptions(o).build());
        for (ModelProvider provider : ServiceLoader.load(ModelProvider.class)) {
            provider.register(r);
        }
        return r;
    }

    /** Adds or replaces {@code kind} (case-insensitive). */
    public void register(String kind, ModelLoader loader) {
        loaders.put(kind.toLowerCase(Locale.ROOT), loader);
    }

    public Set<String> kinds() {
        return new TreeSet<>(loaders.keySet());
    }

    public FoundationModel load(String kind, Path path, ModelOptions options) {
        ModelLoader l = loaders.get(kind.toLowerCase(Locale.ROOT));
        if (l == null) {
            throw new IllegalArgumentException("unknown model kind '" + kind + "'; known kinds: " + kinds());
        }
        return l.load(path, options);
    }
}
