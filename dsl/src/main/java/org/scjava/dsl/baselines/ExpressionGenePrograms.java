package org.scjava.dsl.baselines;

import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.atlas.AtlasException;
import org.scjava.dsl.pp.Columns;
import org.scjava.dsl.pp.HighlyVariableGenes;
import org.scjava.dsl.tasks.programs.GeneProfiles;
import org.scjava.dsl.tasks.programs.GenePrograms;
import org.scjava.dsl.tasks.programs.GeneProgramsResult;

import org.scjava.dsl.atlas.Matrix;
import org.scjava.dsl.pp.ColumnStats;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The expression-only baseline for {@code genePrograms}: gene modules from gene–gene Pearson correlation of
 * log-normalised expression on highly variable genes (co-expression modules, as WGCNA and Seurat/scanpy gene-module
 * workflows build them), found with the same kNN + Leiden, scoring and GO enrichment as the model path, so the two
 * are compared on equal terms. Each gene's vector is its standardised expression profile over cells
 * ({@link GeneProfiles}), whose cosine is the Pearson correlation.
 *
 * <p><b>Reads</b> X (counts or log-normalised), {@code var["highly_variable"]} when present (otherwise the top
 * {@code nTopGenes} by Seurat dispersion are chosen on a temporary log-normalised view). <b>Writes</b> what
 * {@link GenePrograms} writes, under {@code keyAdded} (default "gene_programs_expression").
 */
public final class ExpressionGenePrograms {

    private static final double MIN_DETECTED_FRACTION = 0.01;

    /** Number of HVGs (when var has none), an explicit gene list (overrides HVGs), and the shared options. */
    public record Options(int nTopGenes, List<String> genes, GenePrograms.Options programs) {
        public static Options defaults() {
            return new Options(2000, null,
                    GenePrograms.Options.defaults().withKeyAdded("gene_programs_expression"));
        }

        public Options withNTopGenes(int v) {
            return new Options(v, genes, programs);
        }

        /** Cluster exactly these genes (e.g. the genes a model's vocabulary covers, to compare on one universe). */
        public Options withGenes(List<String> v) {
            return new Options(nTopGenes, v == null ? null : List.copyOf(v), programs);
        }

        public Options withPrograms(GenePrograms.Options v) {
            return new Options(nTopGenes, genes, v);
        }
    }

    private ExpressionGenePrograms() {
    }

    public static GeneProgramsResult apply(Atlas atlas, Options o) {
        List<String> genes = o.genes() != null ? o.genes() : highlyVariable(atlas, o.nTopGenes());
        GeneProfiles profiles = GeneProfiles.of(atlas, genes, o.programs().maxCells(), o.programs().seed());
        return GenePrograms.apply(atlas, profiles.unitRows(), genes, "expression correlation (" + genes.size()
                + " genes)", o.programs());
    }

    /**
     * var["highly_variable"] genes, or the top {@code n} by Seurat dispersion on log-normalised X among genes detected
     * in at least 1 % of cells (scanpy's tutorials filter rare genes first; without it, genes seen in 2–3 cells top
     * the dispersion ranking and form noise modules).
     */
    static List<String> highlyVariable(Atlas atlas, int n) {
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
            Atlas view = new Atlas(logX.selectCols(cols), null, Table.create("var",
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
            throw new AtlasException("expression gene programs: only " + out.size() + " highly variable genes; need"
                    + " at least 20 (run highlyVariableGenes with more genes)");
        }
        return out;
    }
}
