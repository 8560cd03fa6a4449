package org.scjava.dsl.baselines;

/**
 * Predicts the expression shift (treated − control, log-normalised pseudobulk) of a context whose treated cells were
 * held out, from the other contexts' shifts and the held-out context's control profile.
 */
public interface PerturbationPredictor {

    /** Row label in evaluation tables. */
    String name();

    /** The predicted shift per gene for context {@code heldOut} (its treated row in {@code means} is not used). */
    double[] predictShift(ConditionMeans means, int heldOut);
}
