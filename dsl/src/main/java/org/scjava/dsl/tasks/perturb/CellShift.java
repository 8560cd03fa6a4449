package org.scjava.dsl.tasks.perturb;

import org.scjava.dsl.api.PerturbableModel;

/**
 * The scores of one perturbed cell, as Geneformer's {@code InSilicoPerturber} computes them
 * ({@code quant_cos_sims}, {@code cos_sim_shift}): the cosine between the original and perturbed cell embeddings
 * (the model's pooling: V2 {@code <cls>}, V1 mean over tokens, scGPT normalised {@code <cls>}), the mean over the
 * other genes of the cosine between their original and perturbed contextual embeddings ({@code mean_gene_cos_sim},
 * V1's official per-cell value), and, with a goal state, {@code cos(perturbed, goal) − cos(original, goal)}.
 *
 * @param geneCos per-gene cosines, paired with {@code geneTokens}
 */
record CellShift(double cellCos, double meanGeneCos, double goalShift, int[] geneTokens, double[] geneCos) {

    /** Scores an edit from the per-token states of its original and perturbed lists. */
    static CellShift of(SequenceEdit edit, float[][] original, float[][] perturbed, PerturbableModel model,
                        double[] goal) {
        float[] eo = model.poolCell(original, edit.original());
        float[] ep = model.poolCell(perturbed, edit.perturbed());
        int n = edit.originalPositions().length;
        int[] tokens = new int[n];
        double[] cos = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            int po = edit.originalPositions()[k];
            tokens[k] = edit.original().ids()[po];
            cos[k] = Cosine.of(perturbed[edit.perturbedPositions()[k]], original[po]);
            sum += cos[k];
        }
        double goalShift = goal == null ? Double.NaN : Cosine.of(ep, goal) - Cosine.of(eo, goal);
        return new CellShift(Cosine.of(ep, eo), n == 0 ? Double.NaN : sum / n, goalShift, tokens, cos);
    }
}
