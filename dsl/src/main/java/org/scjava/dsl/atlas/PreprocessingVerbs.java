package org.scjava.dsl.atlas;

import org.scjava.dsl.pp.Filter;
import org.scjava.dsl.pp.HighlyVariableGenes;
import org.scjava.dsl.pp.Log1p;
import org.scjava.dsl.pp.NormalizeTotal;
import org.scjava.dsl.pp.Pca;
import org.scjava.dsl.pp.QcMetrics;
import org.scjava.dsl.pp.Scale;


/**
 * Preprocessing verbs (scanpy's {@code pp}): QC, filtering, normalisation, HVG, scaling, PCA.
 *
 * <p>A mixin of {@link Atlas}: each default method is a one-line facade over the verb's own class in this
 * package, so the verb also has a static form that works on plain data. See each class for the paper, the
 * reference implementation, what it reads and writes, and its memory cost.
 */
public interface PreprocessingVerbs {

    /** The Atlas this mixin belongs to (Atlas is the only implementation). */
    private Atlas atlas() {
        return (Atlas) this;
    }

    /** QC metrics with the mitochondrial prefix detected ("MT-" or "mt-"); see {@link QcMetrics}. */
    default Atlas qcMetrics() {
        return Atlas.of(QcMetrics.apply(atlas(), QcMetrics.Options.defaults()));
    }

    /** QC metrics with a given mitochondrial prefix ("MT-" human, "mt-" mouse); see {@link QcMetrics}. */
    default Atlas qcMetrics(String mitoPrefix) {
        return Atlas.of(QcMetrics.apply(atlas(), QcMetrics.Options.defaults().withMitoPrefix(mitoPrefix)));
    }

    /** A new Atlas keeping cells with at least {@code minGenes} detected genes; see {@link Filter}. */
    default Atlas filterCells(int minGenes) {
        return Atlas.of(Filter.cells(atlas(), Filter.Options.defaults().withMinFeatures(minGenes)));
    }

    default Atlas filterCells(Filter.Options options) {
        return Atlas.of(Filter.cells(atlas(), options));
    }

    /** A new Atlas keeping genes detected in at least {@code minCells} cells; see {@link Filter}. */
    default Atlas filterGenes(int minCells) {
        return Atlas.of(Filter.genes(atlas(), Filter.Options.defaults().withMinFeatures(minCells)));
    }

    default Atlas filterGenes(Filter.Options options) {
        return Atlas.of(Filter.genes(atlas(), options));
    }

    /** Scales each cell to {@code targetSum} counts, keeping counts in layers["counts"]; see {@link NormalizeTotal}. */
    default Atlas normalizeTotal(double targetSum) {
        return Atlas.of(NormalizeTotal.apply(atlas(), NormalizeTotal.Options.defaults().withTargetSum(targetSum)));
    }

    /** Normalises to the median total count (scanpy's default). */
    default Atlas normalizeTotal() {
        return Atlas.of(NormalizeTotal.apply(atlas(), NormalizeTotal.Options.defaults()));
    }

    default Atlas normalizeTotal(NormalizeTotal.Options options) {
        return Atlas.of(NormalizeTotal.apply(atlas(), options));
    }

    /** X = ln(1 + X); see {@link Log1p}. */
    default Atlas log1p() {
        return Atlas.of(Log1p.apply(atlas()));
    }

    /** Marks the {@code nTopGenes} most variable genes (flavor "seurat"); see {@link HighlyVariableGenes}. */
    default Atlas highlyVariableGenes(int nTopGenes) {
        return Atlas.of(HighlyVariableGenes.apply(atlas(), HighlyVariableGenes.Options.defaults().withNTopGenes(nTopGenes)));
    }

    /** Marks the {@code nTopGenes} most variable genes by flavor "seurat" or "seurat_v3". */
    default Atlas highlyVariableGenes(int nTopGenes, String flavor) {
        return Atlas.of(HighlyVariableGenes.apply(atlas(), HighlyVariableGenes.Options.defaults().withNTopGenes(nTopGenes)
                .withFlavor(HighlyVariableGenes.Flavor.parse(flavor))));
    }

    default Atlas highlyVariableGenes(HighlyVariableGenes.Options options) {
        return Atlas.of(HighlyVariableGenes.apply(atlas(), options));
    }

    /** Zero-centred unit-variance scaling without clipping; sparse X stays sparse (see {@link Scale}). */
    default Atlas scale() {
        return Atlas.of(Scale.apply(atlas(), Scale.Options.defaults()));
    }

    /** Scaling clipped at ±{@code maxValue} (Seurat uses 10). */
    default Atlas scale(double maxValue) {
        return Atlas.of(Scale.apply(atlas(), Scale.Options.defaults().withMaxValue(maxValue)));
    }

    default Atlas scale(Scale.Options options) {
        return Atlas.of(Scale.apply(atlas(), options));
    }

    /** PCA with {@code nComps} components into obsm["X_pca"]; see {@link Pca}. */
    default Atlas pca(int nComps) {
        return Atlas.of(Pca.apply(atlas(), Pca.Options.defaults().withNComps(nComps)));
    }

    /** PCA with 50 components (scanpy's default). */
    default Atlas pca() {
        return Atlas.of(Pca.apply(atlas(), Pca.Options.defaults()));
    }

    default Atlas pca(Pca.Options options) {
        return Atlas.of(Pca.apply(atlas(), options));
    }
}
