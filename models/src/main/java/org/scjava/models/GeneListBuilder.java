package org.scjava.models;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings shared by the builders of fixed-gene-list models ({@link GeneListModel}: scBERT, scFoundation): the
 * required model path, the gene list and whether X is already normalised.
 */
public abstract class GeneListBuilder<B extends GeneListBuilder<B>> extends ModelBuilder<B> {

    private Path path;
    private Path genes;
    private boolean preNormalized;

    protected GeneListBuilder(String defaultName) {
        super(defaultName);
    }

    /** The model directory or its checkpoint file (required). */
    public B setPath(Path p) {
        this.path = Objects.requireNonNull(p);
        return self();
    }

    /** The model's gene list file; default: the official one found beside the checkpoint (see the model). */
    public B optGenes(Path p) {
        this.genes = p;
        return self();
    }

    /** X already holds the model's normalised values: skip its normalisation. */
    public B optPreNormalized(boolean b) {
        this.preNormalized = b;
        return self();
    }

    /** The model directory: the path itself, or the folder of the checkpoint file it names. */
    public Path directory() {
        return Files.isDirectory(path) ? path : path.getParent();
    }

    /** The checkpoint file the path names, or null when it names the directory (the model then finds it there). */
    public Path checkpointFile() {
        return Files.isRegularFile(path) ? path : null;
    }

    /** The gene list set with {@link #optGenes}, or null for the default. */
    public Path genes() {
        return genes;
    }

    public boolean preNormalized() {
        return preNormalized;
    }

    /** Checks before build() that the path was set and exists, naming the {@code model} otherwise. */
    protected final void checkPath(String model) {
        requiredExisting(path, "setPath", model);
    }
}
