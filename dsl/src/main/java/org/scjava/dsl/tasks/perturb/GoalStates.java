package org.scjava.dsl.tasks.perturb;

import org.scjava.dsl.api.PerturbableModel;
import org.scjava.dsl.api.TokenSequence;
import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.AtlasException;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The embedding of a cell state: the mean cell embedding (the model's own pooling) of the cells with
 * {@code obs[key] == value}, as Geneformer's {@code EmbExtractor.get_state_embs} computes the goal state of
 * {@code cell_states_to_model}; at most {@code maxCells} cells, sampled with {@code seed} (its {@code max_ncells}).
 */
public final class GoalStates {

    private GoalStates() {
    }

    public static double[] mean(AtlasData atlas, PerturbableModel model, String key, String value, int maxCells,
                                long seed) {
        String[] state = atlas.obsStrings(key);
        int[] rows = IntStream.range(0, state.length).filter(i -> value.equals(state[i])).toArray();
        if (rows.length == 0) {
            throw new AtlasException("perturb: no cell has obs['" + key + "'] == '" + value + "'; values there: "
                    + Arrays.stream(state).distinct().limit(10).toList());
        }
        rows = Sampling.sample(rows, maxCells, seed);
        List<TokenSequence> cells = model.tokenize(atlas, rows);
        float[][][] states = model.tokenStates(cells);
        double[] mean = null;
        for (int c = 0; c < cells.size(); c++) {
            float[] e = model.poolCell(states[c], cells.get(c));
            if (mean == null) {
                mean = new double[e.length];
            }
            for (int k = 0; k < e.length; k++) {
                mean[k] += e[k];
            }
        }
        for (int k = 0; k < mean.length; k++) {
            mean[k] /= cells.size();
        }
        return mean;
    }
}
