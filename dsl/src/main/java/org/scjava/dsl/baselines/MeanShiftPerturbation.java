package org.scjava.dsl.baselines;

import org.scjava.dsl.core.AtlasException;

/**
 * The mean-shift baseline (Ahlmann-Eltze, Huber &amp; Anders 2025, Nat. Methods, doi:10.1038/s41592-025-02772-6:
 * "additive"/mean baselines match deep models on perturbation prediction): the held-out context's shift is predicted
 * as the average shift of the training contexts.
 */
public final class MeanShiftPerturbation implements PerturbationPredictor {

    @Override
    public String name() {
        return "mean shift (baseline)";
    }

    @Override
    public double[] predictShift(ConditionMeans means, int heldOut) {
        int[] train = means.trainingContexts(means.contexts().get(heldOut));
        if (train.length == 0) {
            throw new AtlasException("mean-shift baseline: no training context with treated cells besides '"
                    + means.contexts().get(heldOut) + "'");
        }
        double[] out = new double[means.genes().size()];
        for (int c : train) {
            double[] d = means.shift(c);
            for (int j = 0; j < out.length; j++) {
                out[j] += d[j] / train.length;
            }
        }
        return out;
    }
}
