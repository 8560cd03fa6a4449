package org.scjava.dsl.tasks.perturb;

/** torch {@code nn.CosineSimilarity(eps=1e-8)}: {@code a·b / max(‖a‖·‖b‖, eps)}, accumulated in double. */
final class Cosine {

    private static final double EPS = 1e-8;

    private Cosine() {
    }

    static double of(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.max(Math.sqrt(na) * Math.sqrt(nb), EPS);
    }

    static double of(float[] a, double[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.max(Math.sqrt(na) * Math.sqrt(nb), EPS);
    }
}
