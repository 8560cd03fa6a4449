package org.scjava.dsl.tasks.perturb;

import org.scjava.dsl.api.PerturbableModel;
import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.AtlasException;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.Column;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The model token of each gene of an Atlas (by var name, or by a value of a string var column such as
 * {@code var["ensembl_id"]}), and the var name of each token, as the model's tokenizer maps them.
 */
final class GeneTokens {

    private final AtlasData atlas;
    private final int[] columnTokens;
    private final Map<Integer, String> names = new HashMap<>();
    private final String model;

    private GeneTokens(AtlasData atlas, int[] columnTokens, String model) {
        this.atlas = atlas;
        this.columnTokens = columnTokens;
        this.model = model;
        List<String> var = atlas.varNames();
        for (int j = 0; j < columnTokens.length; j++) {
            if (columnTokens[j] >= 0) {
                names.putIfAbsent(columnTokens[j], var.get(j));
            }
        }
    }

    static GeneTokens of(AtlasData atlas, PerturbableModel model) {
        return new GeneTokens(atlas, model.columnTokens(atlas), model.name());
    }

    int[] columnTokens() {
        return columnTokens;
    }

    /** The var column of {@code gene}: its var name, else the first string var column holding it. */
    int columnOf(String gene) {
        Integer j = atlas.varIndex().get(gene);
        if (j != null) {
            return j;
        }
        for (Column<?> c : atlas.var().columns()) {
            if (c instanceof StringColumn s) {
                int i = s.indexOf(gene);
                if (i >= 0) {
                    return i;
                }
            }
        }
        throw new AtlasException("perturb: gene '" + gene + "' is not in var (neither a var name nor a value of a"
                + " var column such as 'ensembl_id')");
    }

    int tokenOf(String gene) {
        int j = columnOf(gene);
        int t = columnTokens[j];
        if (t < 0) {
            throw new AtlasException("perturb: gene '" + gene + "' (var column " + j + ") is not in " + model
                    + "'s vocabulary, so it cannot be perturbed");
        }
        return t;
    }

    String nameOf(int token) {
        return names.getOrDefault(token, "token_" + token);
    }
}
