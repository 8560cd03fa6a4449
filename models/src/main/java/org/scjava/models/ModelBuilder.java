package org.scjava.models;

import org.scjava.models.api.ModelException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Shared optional settings of the model builders ({@code optOptions}, {@code optName}); each model's builder adds
 * its required {@code setX} and model-specific {@code optX} settings.
 */
public abstract class ModelBuilder<B extends ModelBuilder<B>> {

    private ModelOptions options = ModelOptions.defaults();
    private String name;

    protected ModelBuilder(String defaultName) {
        this.name = defaultName;
    }

    /** Device, batch size, threads, seed, gene column and counts layer. */
    public B optOptions(ModelOptions o) {
        this.options = Objects.requireNonNull(o, "options");
        return self();
    }

    /** Key for {@code obsm["X_<name>"]} and the history (default: the kind, e.g. "scgpt"). */
    public B optName(String n) {
        this.name = Objects.requireNonNull(n, "name");
        return self();
    }

    public ModelOptions options() {
        return options;
    }

    public String name() {
        return name;
    }

    /** This builder as its own type, so the shared setters chain into the model-specific ones. */
    @SuppressWarnings("unchecked")
    protected final B self() {
        return (B) this;
    }

    /** {@code value}, or a clear error naming the required setter that was not called. */
    protected static <T> T required(T value, String setter) {
        if (value == null) {
            throw new IllegalStateException(setter + "(...) is required before build()");
        }
        return value;
    }

    /** {@code path}, set by {@code setter} and present on disk, or a clear error naming the {@code model}. */
    protected static Path requiredExisting(Path path, String setter, String model) {
        required(path, setter);
        if (!Files.exists(path)) {
            throw new ModelException(model + " model path " + path.toAbsolutePath() + " does not exist");
        }
        return path;
    }
}
