package org.scjava.dsl.baselines;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.DenseMatrix;

/**
 * The linear baseline of Ahlmann-Eltze, Huber &amp; Anders 2025 (Nat. Methods, doi:10.1038/s41592-025-02772-6),
 * {@code Y ≈ G W Pᵀ + b}, transposed from unseen perturbations to unseen contexts: G (genes × K) is a gene
 * embedding (the top principal components of the training cells, or a foundation model's gene embeddings), each
 * context is embedded from its control profile, {@code p_c = Gᵀ (control_c − mean control)}, b is the training
 * contexts' mean shift, and W (K × K) is the ridge solution {@code W = (GᵀG + λI)⁻¹ Gᵀ Y P (PᵀP + λI)⁻¹} with
 * {@code Y} = training shifts − b (the paper's closed form, λ = 0.1). The prediction for the held-out context is
 * {@code b + G W p}. G is rescaled to ‖G‖²_F = K, so λ means the same for any embedding.
 */
public final class LinearPerturbation implements PerturbationPredictor {

    private final String name;
    private final DMatrixRMaj g;
    private final double lambda;

    /** {@code geneEmbedding}: one row per gene of the means (zero rows for genes an embedding lacks). */
    public LinearPerturbation(String name, DenseMatrix geneEmbedding, double lambda) {
        this.name = name;
        this.g = normalised(geneEmbedding);
        this.lambda = lambda;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public double[] predictShift(ConditionMeans means, int heldOut) {
        int nGenes = means.genes().size();
        if (g.getNumRows() != nGenes) {
            throw new AtlasException("linear perturbation model '" + name + "': gene embedding has " + g.getNumRows()
                    + " rows but the data has " + nGenes + " genes");
        }
        int[] train = means.trainingContexts(means.contexts().get(heldOut));
        double[] b = new MeanShiftPerturbation().predictShift(means, heldOut);
        double[] meanControl = meanControl(means);
        int k = g.getNumCols();
        DMatrixRMaj y = new DMatrixRMaj(nGenes, train.length);
        DMatrixRMaj p = new DMatrixRMaj(train.length, k);
        for (int t = 0; t < train.length; t++) {
            double[] d = means.shift(train[t]);
            for (int j = 0; j < nGenes; j++) {
                y.set(j, t, d[j] - b[j]);
            }
            double[] pc = contextEmbedding(means.control()[train[t]], meanControl);
            for (int c = 0; c < k; c++) {
                p.set(t, c, pc[c]);
            }
        }
        DMatrixRMaj gty = new DMatrixRMaj(k, train.length);
        CommonOps_DDRM.multTransA(g, y, gty);
        DMatrixRMaj left = ridgeSolve(g, gty);                   // (GᵀG + λI)⁻¹ Gᵀ Y, K × n
        DMatrixRMaj pt = CommonOps_DDRM.transpose(p, null);
        DMatrixRMaj rightT = ridgeSolve(p, pt);                  // (PᵀP + λI)⁻¹ Pᵀ, K × n
        DMatrixRMaj w = new DMatrixRMaj(k, k);
        CommonOps_DDRM.multTransB(left, rightT, w);              // left · P (PᵀP + λI)⁻¹
        DMatrixRMaj ph = new DMatrixRMaj(k, 1, true, contextEmbedding(means.control()[heldOut], meanControl));
        DMatrixRMaj wp = new DMatrixRMaj(k, 1);
        CommonOps_DDRM.mult(w, ph, wp);
        DMatrixRMaj pred = new DMatrixRMaj(nGenes, 1);
        CommonOps_DDRM.mult(g, wp, pred);
        double[] out = new double[nGenes];
        for (int j = 0; j < nGenes; j++) {
            out[j] = b[j] + pred.get(j, 0);
        }
        return out;
    }

    /** (AᵀA + λI)⁻¹ B. */
    private DMatrixRMaj ridgeSolve(DMatrixRMaj a, DMatrixRMaj rhs) {
        DMatrixRMaj ata = new DMatrixRMaj(a.getNumCols(), a.getNumCols());
        CommonOps_DDRM.multTransA(a, a, ata);
        for (int i = 0; i < ata.getNumRows(); i++) {
            ata.add(i, i, lambda);
        }
        DMatrixRMaj out = new DMatrixRMaj(ata.getNumRows(), rhs.getNumCols());
        if (!CommonOps_DDRM.solve(ata, rhs, out)) {
            throw new AtlasException("linear perturbation model '" + name + "': singular ridge system; use λ > 0");
        }
        return out;
    }

    private double[] contextEmbedding(double[] control, double[] meanControl) {
        double[] out = new double[g.getNumCols()];
        for (int j = 0; j < control.length; j++) {
            double v = control[j] - meanControl[j];
            for (int c = 0; c < out.length; c++) {
                out[c] += g.get(j, c) * v;
            }
        }
        return out;
    }

    private static double[] meanControl(ConditionMeans means) {
        double[] out = new double[means.genes().size()];
        for (double[] c : means.control()) {
            for (int j = 0; j < out.length; j++) {
                out[j] += c[j] / means.control().length;
            }
        }
        return out;
    }

    private static DMatrixRMaj normalised(DenseMatrix e) {
        DMatrixRMaj m = new DMatrixRMaj(e.nRows(), e.nCols());
        double ss = 0;
        for (int i = 0; i < e.nRows(); i++) {
            for (int c = 0; c < e.nCols(); c++) {
                double v = e.get(i, c);
                m.set(i, c, v);
                ss += v * v;
            }
        }
        if (!(ss > 0)) {
            throw new AtlasException("linear perturbation model: the gene embedding is all zeros");
        }
        CommonOps_DDRM.scale(Math.sqrt(e.nCols() / ss), m);
        return m;
    }
}
