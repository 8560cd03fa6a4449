package org.scjava.dsl.io.tenx;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.CsrMatrix;
import org.scjava.dsl.io.AtlasFormatException;
import org.scjava.dsl.io.LoadOptions;
import org.scjava.dsl.io.h5ad.Hdf5Arrays;
import org.scjava.dsl.io.h5ad.Hdf5Files;
import org.scjava.dsl.io.h5ad.Hdf5Guard;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads Cell Ranger's HDF5 matrices as scanpy's {@code read_10x_h5} does (scanpy 1.11, {@code _read_v3_10x_h5} and
 * {@code _read_legacy_10x_h5}):
 * <ul>
 *   <li>v3+ ({@code /matrix}): var names from {@code features/name}; {@code gene_ids} from {@code features/id}, or
 *       for probe-based files ({@code features/gene_id} present) {@code gene_ids} from {@code gene_id} and
 *       {@code probe_ids} from {@code id}; {@code feature_types}; then every other dataset of {@code features}
 *       (e.g. {@code genome}, {@code filtered_probes} as booleans, {@code probe_region}) in name order;
 *       {@code obs["filtered_barcodes"]} when the matrix has it. {@code genome} keeps one genome's features (an
 *       unknown genome is an error listing those present); {@code gexOnly} (default) keeps Gene Expression
 *       features;</li>
 *   <li>legacy v2 ({@code /<genome>}): the genome group is chosen by {@code genome}; a file with several genomes and
 *       no genome given is an error listing them (never silently the first); var names from {@code gene_names},
 *       {@code gene_ids} from {@code genes}.</li>
 * </ul>
 * The matrix is CSC of features × barcodes, i.e. CSR of cells × features; integer counts become float32 as in
 * scanpy. Var names are made unique with anndata's {@code var_names_make_unique} rule by default, i.e. the result
 * equals scanpy's {@code read_10x_h5} followed by {@code adata.var_names_make_unique()} (what every scanpy tutorial
 * does next, and what {@code read_10x_mtx} does itself); {@code LoadOptions.withMakeUnique(false)} keeps duplicate
 * symbols as stored.
 */
public final class TenxH5Reader {

    private static final String GEX = "Gene Expression";
    private static final java.util.Set<String> V3_SPECIAL = java.util.Set.of("name", "feature_type", "id", "gene_id",
            "_all_tag_keys");

    private TenxH5Reader() {
    }

    public static AtlasData read(Path file) {
        return read(file, LoadOptions.defaults());
    }

    public static AtlasData read(Path file, LoadOptions options) {
        try (HdfFile h = Hdf5Files.open(file)) {
            return Hdf5Files.parsing(file, "/", () -> h.getChildren().get("matrix") instanceof Group m
                    ? readV3(file, m, options) : readLegacy(file, h, options));
        }
    }

    private static AtlasData readV3(Path file, Group m, LoadOptions options) {
        Map<String, Dataset> dsets = new TreeMap<>();
        collect(file, m, dsets, 0);
        if (!(m.getChildren().get("features") instanceof Group features)) {
            throw new AtlasFormatException(file, m.getPath(), "10x h5 has no features group (expected /matrix/features)");
        }
        FeatureTable var = new FeatureTable(strings(file, require(file, m, dsets, "name")));
        boolean probes = dsets.containsKey("gene_id");
        var.add("gene_ids", strings(file, require(file, m, dsets, probes ? "gene_id" : "id")));
        if (probes) {
            var.add("probe_ids", strings(file, require(file, m, dsets, "id")));
        }
        var.add("feature_types", strings(file, require(file, m, dsets, "feature_type")));
        for (var e : new TreeMap<>(features.getChildren()).entrySet()) {
            if (e.getValue() instanceof Dataset && !V3_SPECIAL.contains(e.getKey())) {
                Dataset ds = require(file, m, dsets, e.getKey());
                var.add(e.getKey(), "bool".equals(Hdf5Arrays.dtype(ds)) ? booleans(file, ds) : strings(file, ds));
            }
        }
        Table obs = Table.create("obs", StringColumn.create("_index", strings(file, require(file, m, dsets, "barcodes"))));
        if (m.getChildren().get("filtered_barcodes") instanceof Dataset fb) {
            obs.addColumns(BooleanColumn.create("filtered_barcodes", booleans(file, fb)));
        }
        CsrMatrix x = matrix(file, m, dsets, var.size(), obs.rowCount());
        if (options.genome() != null) {
            String[] genomes = var.strings("genome");
            if (genomes == null || !java.util.Arrays.asList(genomes).contains(options.genome())) {
                throw new AtlasFormatException(file, m.getPath(), "could not find data for genome '" + options.genome()
                        + "'; available genomes are: " + (genomes == null ? "none (the file has no genome column)"
                        : new LinkedHashSet<>(java.util.Arrays.asList(genomes))));
            }
            x = keepFeatures(x, var.keep(i -> options.genome().equals(genomes[i])));
        }
        if (options.gexOnly()) {
            String[] types = var.strings("feature_types");
            x = keepFeatures(x, var.keep(i -> GEX.equals(types[i])));
        }
        return new AtlasData(x, obs, var.toVar(options.makeUnique(), file.getFileName().toString()));
    }

    private static AtlasData readLegacy(Path file, HdfFile h, LoadOptions options) {
        List<String> genomes = new ArrayList<>(new java.util.TreeSet<>(h.getChildren().keySet())); // h5py lists names sorted
        String genome = options.genome();
        if (genome == null) {
            if (genomes.size() != 1) {
                throw new AtlasFormatException(file, "/", (genomes.isEmpty() ? "no genome group" : "the file contains "
                        + "more than one genome") + "; for legacy (Cell Ranger 2) 10x h5 files choose one with "
                        + "LoadOptions.defaults().withGenome(...). Available genomes are: " + genomes);
            }
            genome = genomes.get(0);
        } else if (!genomes.contains(genome)) {
            throw new AtlasFormatException(file, "/", "could not find genome '" + genome + "'; available genomes are: "
                    + genomes);
        }
        if (!(h.getChildren().get(genome) instanceof Group g)) {
            throw new AtlasFormatException(file, "/" + genome, "not a 10x genome group (expected a group with "
                    + "barcodes, genes, gene_names, data, indices, indptr and shape)");
        }
        Map<String, Dataset> dsets = new TreeMap<>();
        collect(file, g, dsets, 0);
        FeatureTable var = new FeatureTable(strings(file, require(file, g, dsets, "gene_names")));
        var.add("gene_ids", strings(file, require(file, g, dsets, "genes")));
        Table obs = Table.create("obs", StringColumn.create("_index", strings(file, require(file, g, dsets, "barcodes"))));
        CsrMatrix x = matrix(file, g, dsets, var.size(), obs.rowCount());
        return new AtlasData(x, obs, var.toVar(options.makeUnique(), file.getFileName().toString()));
    }

    /** scanpy's {@code _collect_datasets}: every dataset below {@code g}, keyed by its own name. */
    private static void collect(Path file, Group g, Map<String, Dataset> out, int depth) {
        if (depth > 8) {
            throw new AtlasFormatException(file, g.getPath(), "groups nested deeper than a 10x matrix has");
        }
        for (var e : g.getChildren().entrySet()) {
            Node n = e.getValue();
            if (n instanceof Dataset ds) {
                out.put(e.getKey(), ds);
            } else if (n instanceof Group child) {
                collect(file, child, out, depth + 1);
            }
        }
    }

    private static Dataset require(Path file, Group g, Map<String, Dataset> dsets, String name) {
        Dataset ds = dsets.get(name);
        if (ds == null) {
            throw new AtlasFormatException(file, g.getPath(), "missing dataset '" + name + "' (a 10x matrix has "
                    + "barcodes, data, indices, indptr, shape and its features)");
        }
        Hdf5Guard.checkDataset(ds, file);
        return ds;
    }

    /** The counts as CSR of cells × features, checked against the feature and barcode counts. */
    private static CsrMatrix matrix(Path file, Group g, Map<String, Dataset> dsets, int nFeatures, int nCells) {
        long[] shape = longs(file, require(file, g, dsets, "shape"));
        if (shape.length != 2 || shape[0] != nFeatures || shape[1] != nCells) {
            throw new AtlasFormatException(file, g.getPath() + "/shape", "shape is " + java.util.Arrays.toString(shape)
                    + " but there are " + nFeatures + " features and " + nCells + " barcodes");
        }
        Dataset dataDs = require(file, g, dsets, "data");
        float[] data = floats(file, dataDs);
        int[] indices = ints(file, require(file, g, dsets, "indices"));
        long[] indptr = longs(file, require(file, g, dsets, "indptr"));
        String dtype = Hdf5Arrays.dtype(dataDs);
        try {
            return new CsrMatrix(nCells, nFeatures, indptr, indices, data,
                    dtype.startsWith("int") ? "float32" : dtype).validate();
        } catch (IllegalArgumentException e) {
            throw new AtlasFormatException(file, g.getPath(), "inconsistent matrix: " + e.getMessage(), e);
        }
    }

    /** The features kept: columns {@code kept} of {@code x}. */
    private static CsrMatrix keepFeatures(CsrMatrix x, int[] kept) {
        return kept.length == x.nCols() ? x : (CsrMatrix) x.selectCols(kept);
    }

    private static String[] strings(Path file, Dataset ds) {
        Object v = read(file, ds);
        if (!(v instanceof String[] s)) {
            throw new AtlasFormatException(file, ds.getPath(), "expected strings, found " + Hdf5Arrays.dtype(ds));
        }
        return s;
    }

    private static boolean[] booleans(Path file, Dataset ds) {
        Object v = read(file, ds);
        if (v instanceof boolean[] b) {
            return b;
        }
        try {
            long[] l = Hdf5Arrays.toLong(v);
            boolean[] out = new boolean[l.length];
            for (int i = 0; i < l.length; i++) {
                out[i] = l[i] != 0;
            }
            return out;
        } catch (IllegalArgumentException e) {
            throw new AtlasFormatException(file, ds.getPath(), "expected booleans: " + e.getMessage(), e);
        }
    }

    private static long[] longs(Path file, Dataset ds) {
        try {
            return Hdf5Arrays.toLong(read(file, ds));
        } catch (IllegalArgumentException e) {
            throw new AtlasFormatException(file, ds.getPath(), e.getMessage(), e);
        }
    }

    private static int[] ints(Path file, Dataset ds) {
        try {
            return Hdf5Arrays.toInt(read(file, ds));
        } catch (IllegalArgumentException e) {
            throw new AtlasFormatException(file, ds.getPath(), e.getMessage(), e);
        }
    }

    private static float[] floats(Path file, Dataset ds) {
        try {
            return Hdf5Arrays.readFloats(ds);
        } catch (IllegalArgumentException e) {
            throw new AtlasFormatException(file, ds.getPath(), e.getMessage(), e);
        } catch (RuntimeException e) {
            throw unreadable(file, ds, e);
        }
    }

    private static Object read(Path file, Dataset ds) {
        try {
            return Hdf5Arrays.readFlat(ds);
        } catch (RuntimeException e) {
            throw unreadable(file, ds, e);
        }
    }

    private static AtlasFormatException unreadable(Path file, Dataset ds, RuntimeException e) {
        if (e instanceof AtlasFormatException a) {
            return a;
        }
        return new AtlasFormatException(file, ds.getPath(), "cannot read (" + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); the file may be truncated or corrupt", e);
    }
}
