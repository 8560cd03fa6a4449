package org.scjava.dsl.atlas;

import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.Matrix;
import org.scjava.dsl.io.AtlasIO;
import tech.tablesaw.api.Table;

import java.nio.file.Path;
import java.util.Collection;

/**
 * The DSL's face: an annotated cells × genes matrix ({@link AtlasData}: X, obs, var, obsm, layers, uns, history)
 * together with every verb, so analyses read as one chain ({@code atlas.normalizeTotal(1e4).log1p().pca()}).
 *
 * <p>The verbs come from mixin interfaces grouped like scanpy: {@link PreprocessingVerbs} (pp),
 * {@link ToolVerbs} (tl), {@link PlotVerbs} (pl) and {@link TaskVerbs} (foundation-model tasks). Each is a one-line
 * delegation to the verb's own class, which works on {@link AtlasData} and never sees this facade. Each verb
 * mutates this Atlas, appends to its history and returns it, so calls chain; use {@link #copy()} to branch.
 */
public final class Atlas extends AtlasData implements PreprocessingVerbs, ToolVerbs, PlotVerbs, TaskVerbs {

    /**
     * An Atlas over {@code x} with obs and var tables; either table may be null, giving anndata's default index
     * ("0", "1", ...). A table's first column must be a string index column with one row per cell/gene.
     */
    public Atlas(Matrix x, Table obs, Table var) {
        super(x, obs, var);
    }

    private Atlas(AtlasData data) {
        super(data);
    }

    /**
     * The facade over {@code data}, taking over its slots without copying (io and verbs that build new data hand it
     * here); {@code data} itself is returned when it already is an Atlas.
     */
    public static Atlas of(AtlasData data) {
        return data instanceof Atlas a ? a : new Atlas(data);
    }

    // ------------------------------------------------------------------ loading and saving

    /**
     * Reads an h5ad file, a 10x Genomics {@code .h5} or a MatrixMarket directory/file, recognised by content
     * (HDF5 signature and layout, or the MatrixMarket banner), not only by extension.
     */
    public static Atlas load(String path) {
        return load(Path.of(path));
    }

    public static Atlas load(Path path) {
        return of(AtlasIO.read(path));
    }

    /**
     * {@link #load(Path)} with options for 10x files, e.g. {@code LoadOptions.defaults().withGenome("GRCh38")} for a
     * file with several genomes (scanpy's {@code read_10x_h5(genome=...)}); h5ad files ignore them.
     */
    public static Atlas load(String path, org.scjava.dsl.io.LoadOptions options) {
        return Atlas.of(AtlasIO.read(Path.of(path), options));
    }

    public static Atlas load(Path path, org.scjava.dsl.io.LoadOptions options) {
        return Atlas.of(AtlasIO.read(path, options));
    }

    /** Opens an h5ad file backed: X stays on disk and is streamed in row blocks. */
    public static BackedAtlas open(String path) {
        return BackedAtlas.open(Path.of(path));
    }

    public static BackedAtlas open(Path path) {
        return BackedAtlas.open(path);
    }

    /** Writes this Atlas as h5ad (atomically: a temporary file renamed over the target). Returns this. */
    public Atlas write(String path) {
        return write(Path.of(path));
    }

    public Atlas write(Path path) {
        AtlasIO.write(this, path);
        return this;
    }

    // ------------------------------------------------------------------ subsetting and copying (typed as Atlas)

    @Override
    public Atlas subset(boolean[] obsMask) {
        return of(super.subset(obsMask));
    }

    @Override
    public Atlas subset(Collection<String> obsNames, Collection<String> varNames) {
        return of(super.subset(obsNames, varNames));
    }

    @Override
    public Atlas subsetVars(Collection<String> varNames) {
        return of(super.subsetVars(varNames));
    }

    @Override
    public Atlas subsetVars(boolean[] varMask) {
        return of(super.subsetVars(varMask));
    }

    @Override
    public Atlas subset(int[] rows, int[] cols) {
        return of(super.subset(rows, cols));
    }

    @Override
    public Atlas copy() {
        return of(super.copy());
    }
}
