package org.scjava.dsl.io;

/**
 * How {@code Atlas.load} reads 10x Genomics files, with scanpy's defaults ({@code sc.read_10x_h5},
 * {@code sc.read_10x_mtx}, scanpy 1.11):
 * <ul>
 *   <li>{@code genome}: keep only the features of this genome (v3 files: the {@code genome} feature column; legacy v2
 *       files: the {@code /<genome>} group, required when the file holds several); null for all / the only one;</li>
 *   <li>{@code gexOnly}: keep only features whose type is {@code Gene Expression} (default true, as scanpy);</li>
 *   <li>{@code makeUnique}: make var names unique with anndata's {@code var_names_make_unique} rule ({@code A},
 *       {@code A-1}, {@code A-2}, ...), default true for both readers: {@code read_10x_mtx(make_unique=True)}, and
 *       for 10x HDF5 what {@code read_10x_h5} followed by {@code adata.var_names_make_unique()} gives (scanpy's
 *       reader alone keeps repeated symbols and anndata warns; every analysis needs unique names);</li>
 *   <li>{@code varNamesGeneIds}: index var by gene id instead of symbol (MatrixMarket: {@code var_names="gene_ids"},
 *       keeping the symbols in {@code var["gene_symbols"]}).</li>
 * </ul>
 * h5ad files ignore these options.
 */
public record LoadOptions(String genome, boolean gexOnly, boolean makeUnique, boolean varNamesGeneIds) {

    /** scanpy's defaults: every genome, Gene Expression features only, unique names as scanpy makes them. */
    public static LoadOptions defaults() {
        return new LoadOptions(null, true, true, false);
    }

    public LoadOptions withGenome(String g) {
        return new LoadOptions(g, gexOnly, makeUnique, varNamesGeneIds);
    }

    public LoadOptions withGexOnly(boolean only) {
        return new LoadOptions(genome, only, makeUnique, varNamesGeneIds);
    }

    public LoadOptions withMakeUnique(boolean unique) {
        return new LoadOptions(genome, gexOnly, unique, varNamesGeneIds);
    }

    public LoadOptions withVarNamesGeneIds(boolean ids) {
        return new LoadOptions(genome, gexOnly, makeUnique, ids);
    }
}
