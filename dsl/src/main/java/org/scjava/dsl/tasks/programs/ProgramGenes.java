package org.scjava.dsl.tasks.programs;

import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.Matrix;
import org.scjava.dsl.pp.ColumnStats;
import org.scjava.dsl.pp.Columns;
import org.scjava.dsl.pp.HighlyVariableGenes;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** The genes gene programs are built from by default: the highly variable genes, chosen the same way for all sources. */
public final class ProgramGenes {

    private static final double MIN_DETECTED_FRACTION = 0.01;

    private ProgramGenes() {
    }

    /**
     * var["highly_variable"] genes, or the top {@code n} by Seurat dispersion on log-normalised X among genes detected
     * in at least 1 % of cells (scanpy's tutorials filter rare genes first; without it, genes seen in 2–3 cells top
     * the dispersion ranking and form noise modules).
     */
    public static List<String> highlyVariable(AtlasData atlas, int n) {
        List<String> names = atlas.varNames();
        List<String> out = new ArrayList<>();
        boolean[] mask = Columns.highlyVariableMask(atlas);
        if (mask != null) {
            for (int j = 0; j < mask.length; j++) {
                if (mask[j]) {
                    out.add(names.get(j));
                }
            }
        } else {
            Matrix logX = GeneProfiles.logExpression(atlas);
            double[] detected = ColumnStats.of(logX, v -> v != 0 ? 1 : 0).mean();
            int[] cols = IntStream.range(0, detected.length).filter(j -> detected[j] >= MIN_DETECTED_FRACTION)
                    .toArray();
            AtlasData view = new AtlasData(logX.selectCols(cols), null, Table.create("var",
                    StringColumn.create("gene", Arrays.stream(cols).mapToObj(names::get).toList())));
            Map<String, Object> log1p = new LinkedHashMap<>();
            log1p.put("base", "e");
            view.uns().put("log1p", log1p);
            HighlyVariableGenes.apply(view, HighlyVariableGenes.Options.defaults().withNTopGenes(Math.min(n,
                    cols.length)));
            boolean[] hv = Columns.highlyVariableMask(view);
            for (int c = 0; c < cols.length; c++) {
                if (hv[c]) {
                    out.add(names.get(cols[c]));
                }
            }
        }
        if (out.size() < 20) {
            throw new AtlasException("gene programs: only " + out.size() + " highly variable genes; need"
                    + " at least 20 (run highlyVariableGenes with more genes)");
        }
        return out;
    }
}
