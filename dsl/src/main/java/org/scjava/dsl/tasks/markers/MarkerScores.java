package org.scjava.dsl.tasks.markers;

import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.DenseMatrix;
import org.scjava.dsl.core.Matrix;
import org.scjava.dsl.pp.Columns;
import org.scjava.dsl.tl.ScoreGenes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per-cell marker scores and the per-cell label they imply. Each cell type's score is scanpy's {@code score_genes}
 * (the analysis core's {@link ScoreGenes}: mean of the markers minus the mean of expression-matched control genes)
 * on log-normalised expression. The label walks the hierarchy top-down: among the current label's children pick the
 * best-scoring one (a type without markers scores as its best descendant), go down while that score is above
 * {@code minScore} and the depth limit allows; a cell that no root wins is unlabelled (null).
 */
public final class MarkerScores {

    private static final Logger LOG = LoggerFactory.getLogger(MarkerScores.class);

    private final List<String> types;
    private final List<String> unscored;
    private final DenseMatrix scores;
    private final LabelHierarchy hierarchy;

    private MarkerScores(List<String> types, List<String> unscored, DenseMatrix scores, LabelHierarchy hierarchy) {
        this.types = types;
        this.unscored = unscored;
        this.scores = scores;
        this.hierarchy = hierarchy;
    }

    /** Scores every type of {@code table} with at least one marker among the Atlas's genes. */
    public static MarkerScores compute(AtlasData atlas, MarkerTable table, long seed) {
        Matrix log = LogExpression.of(atlas, "marker annotation");
        AtlasData scratch = new AtlasData(log, null, Table.create("var",
                StringColumn.create("gene", atlas.varNames().toArray(String[]::new))));
        Set<String> present = scratch.varIndex().keySet();
        List<String> types = new ArrayList<>();
        List<String> unscored = new ArrayList<>();
        List<double[]> columns = new ArrayList<>();
        for (var e : table.markers().entrySet()) {
            List<String> genes = e.getValue().stream().filter(present::contains).toList();
            if (genes.isEmpty()) {
                continue;
            }
            try {
                ScoreGenes.apply(scratch, genes, ScoreGenes.Options.defaults().withSeed(seed).withUseRaw(false));
            } catch (AtlasException ex) { // e.g. no control genes left (scanpy's score is NaN then): the type is skipped
                LOG.warn("marker annotation: cannot score '{}' ({}): {}", e.getKey(), genes, ex.getMessage());
                unscored.add(e.getKey());
                continue;
            }
            types.add(e.getKey());
            columns.add(Columns.obsDoubles(scratch, "score"));
        }
        if (types.isEmpty()) {
            throw new AtlasException("marker annotation: none of the " + table.genes().size() + " marker genes of "
                    + table.source() + " is in var (e.g. " + table.genes().stream().limit(3).toList() + "); var names "
                    + "must be gene symbols of the table's species (use toSpecies() for another species)");
        }
        int n = atlas.nObs();
        float[] s = new float[n * types.size()];
        for (int t = 0; t < types.size(); t++) {
            double[] c = columns.get(t);
            for (int i = 0; i < n; i++) {
                s[i * types.size() + t] = (float) c[i];
            }
        }
        return new MarkerScores(List.copyOf(types), List.copyOf(unscored), new DenseMatrix(n, types.size(), s),
                table.hierarchy());
    }

    /** The scored cell types (columns of {@link #matrix()}). */
    public List<String> types() {
        return types;
    }

    /** Types with markers in the data whose score could not be computed (e.g. no control genes in their bins). */
    public List<String> unscored() {
        return unscored;
    }

    /** Cells × scored types. */
    public DenseMatrix matrix() {
        return scores;
    }

    /** Each cell's label by the top-down walk (null when no root scores above {@code minScore}). */
    public String[] cellLabels(double minScore, int maxDepth) {
        int n = scores.nRows();
        Map<String, Integer> column = new HashMap<>();
        for (int t = 0; t < types.size(); t++) {
            column.put(types.get(t), t);
        }
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            Map<String, Double> memo = new HashMap<>();
            String node = null;
            List<String> candidates = hierarchy.roots();
            int depth = 0;
            while (depth < maxDepth && !candidates.isEmpty()) {
                String best = null;
                double bestScore = Double.NEGATIVE_INFINITY;
                for (String c : candidates) {
                    double v = effective(i, c, column, memo);
                    if (v > bestScore) {
                        bestScore = v;
                        best = c;
                    }
                }
                if (!(bestScore > minScore)) {
                    break;
                }
                node = best;
                depth++;
                candidates = hierarchy.children(node);
            }
            out[i] = node;
        }
        return out;
    }

    /** A type's own score, or its best descendant's when it has no markers in the data. */
    private double effective(int cell, String label, Map<String, Integer> column, Map<String, Double> memo) {
        Double cached = memo.get(label);
        if (cached != null) {
            return cached;
        }
        Integer c = column.get(label);
        double v = Double.NEGATIVE_INFINITY;
        if (c != null) {
            v = scores.get(cell, c);
        } else {
            for (String child : hierarchy.children(label)) {
                v = Math.max(v, effective(cell, child, column, memo));
            }
        }
        memo.put(label, v);
        return v;
    }
}
