package org.scjava.models.api;

import java.util.Arrays;

/**
 * Per-token hidden states of a forward pass: for each requested hidden-state index (0 = encoder input, i = output of
 * layer i, as HF {@code output_hidden_states}), each cell's {@code [length][d]} matrix (no padding rows).
 */
public record HiddenStates(int[] layers, float[][][][] states) {

    /** The states of hidden index {@code layer} (must have been requested): [cell][token][dim]. */
    public float[][][] layer(int layer) {
        for (int i = 0; i < layers.length; i++) {
            if (layers[i] == layer) {
                return states[i];
            }
        }
        throw new IllegalArgumentException("hidden state " + layer + " was not requested; have " + Arrays.toString(layers));
    }

    public int numCells() {
        return states.length == 0 ? 0 : states[0].length;
    }
}
