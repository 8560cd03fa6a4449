package org.scjava.models;

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

    protected abstract B self();
}
