package org.scjava.dsl.io.tenx;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.CsrMatrix;
import org.scjava.dsl.io.AtlasFormatException;
import org.scjava.dsl.io.h5ad.Hdf5Arrays;
import org.scjava.dsl.io.h5ad.Hdf5Files;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Cell Ranger's {@code filtered_feature_bc_matrix.h5}: v3 ({@code /matrix} with a {@code features} group) and
 * v2 ({@code /<genome>} with {@code genes}/{@code gene_names}). The matrix is stored as CSC of genes × barcodes,
 * which is exactly CSR of cells × genes. Like scanpy's {@code read_10x_h5}, var is indexed by gene symbol with
 * {@code gene_ids}, {@code feature_types} and {@code genome} columns; obs by barcode.
 */
public final class TenxH5Reader {

    private TenxH5Reader() {
    }

    public static AtlasData read(Path file) {
        try (HdfFile h = Hdf5Files.open(file)) {
            if (h.getChildren().get("matrix") instanceof Group m) {
                return readV3(file, m);
            }
            for (Node n : h.getChildren().values()) {
                if (n instanceof Group g && g.getChildren().containsKey("genes")) {
                    return readV2(file, g);
                }
            }
            throw new AtlasFormatException(file, "/", "not a 10x HDF5 matrix: no /matrix group (v3) or /<genome> group (v2)");
        } catch (AtlasFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new AtlasFormatException(file, "", "cannot read 10x matrix: " + e.getMessage(), e);
        }
    }

    private static AtlasData readV3(Path file, Group m) {
        if (!(m.getChildren().get("features") instanceof Group f)) {
            throw new AtlasFormatException(file, m.getPath(), "10x v3 matrix has no 'features' group");
        }
        String[] ids = strings(file, f, "id");
        String[] names = strings(file, f, "name");
        List<StringColumn> extra = new ArrayList<>();
        extra.add(StringColumn.create("gene_ids", ids));
        if (f.getChildren().containsKey("feature_type")) {
            extra.add(StringColumn.create("feature_types", strings(file, f, "feature_type")));
        }
        if (f.getChildren().containsKey("genome")) {
            extra.add(StringColumn.create("genome", strings(file, f, "genome")));
        }
        return assemble(file, m, names, extra);
    }

    private static AtlasData readV2(Path file, Group g) {
        String[] ids = strings(file, g, "genes");
        String[] names = strings(file, g, "gene_names");
        return assemble(file, g, names, List.of(StringColumn.create("gene_ids", ids)));
    }

    private static AtlasData assemble(Path file, Group g, String[] geneNames, List<StringColumn> varColumns) {
        String[] barcodes = strings(file, g, "barcodes");
        long[] shape = longs(file, g, "shape");
        if (shape.length != 2) {
            throw new AtlasFormatException(file, g.getPath() + "/shape", "expected 2 values (genes, barcodes), found " + shape.length);
        }
        int nGenes = Math.toIntExact(shape[0]);
        int nCells = Math.toIntExact(shape[1]);
        if (barcodes.length != nCells || geneNames.length != nGenes) {
            throw new AtlasFormatException(file, g.getPath(), "shape says " + nGenes + " features × " + nCells
                    + " barcodes but there are " + geneNames.length + " features and " + barcodes.length + " barcodes");
        }
        float[] data = toFloat(file, dataset(file, g, "data"));
        int[] indices = toInt(longs(file, g, "indices"));
        long[] indptr = longs(file, g, "indptr");
        CsrMatrix x;
        try {
            x = new CsrMatrix(nCells, nGenes, indptr, indices, data, "int32").validate();
        } catch (IllegalArgumentException e) {
            throw new AtlasFormatException(file, g.getPath(), "inconsistent matrix: " + e.getMessage());
        }
        Table obs = Table.create("obs", StringColumn.create("_index", barcodes));
        Table var = Table.create("var", StringColumn.create("_index", geneNames));
        varColumns.forEach(var::addColumns);
        return new AtlasData(x, obs, var);
    }

    private static Dataset dataset(Path file, Group g, String name) {
        if (!(g.getChildren().get(name) instanceof Dataset ds)) {
            throw new AtlasFormatException(file, g.getPath() + "/" + name, "missing dataset (expected in a 10x matrix)");
        }
        return ds;
    }

    private static String[] strings(Path file, Group g, String name) {
        Object v = dataset(file, g, name).getDataFlat();
        if (!(v instanceof String[] s)) {
            throw new AtlasFormatException(file, g.getPath() + "/" + name, "expected strings");
        }
        return s;
    }

    private static long[] longs(Path file, Group g, String name) {
        try {
            return Hdf5Arrays.toLong(dataset(file, g, name).getDataFlat());
        } catch (IllegalArgumentException e) {
            throw new AtlasFormatException(file, g.getPath() + "/" + name, e.getMessage());
        }
    }

    private static int[] toInt(long[] l) {
        int[] out = new int[l.length];
        for (int i = 0; i < l.length; i++) {
            out[i] = Math.toIntExact(l[i]);
        }
        return out;
    }

    private static float[] toFloat(Path file, Dataset ds) {
        try {
            return Hdf5Arrays.toFloat(ds.getDataFlat());
        } catch (IllegalArgumentException e) {
            throw new AtlasFormatException(file, ds.getPath(), e.getMessage());
        }
    }
}
