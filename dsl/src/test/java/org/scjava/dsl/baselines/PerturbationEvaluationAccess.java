package org.scjava.dsl.baselines;

/** Test access to the evaluation's Pearson r for other test packages. */
public final class PerturbationEvaluationAccess {

    private PerturbationEvaluationAccess() {
    }

    public static double pearson(double[] a, double[] b) {
        return PerturbationEvaluation.pearson(a, b);
    }
}
