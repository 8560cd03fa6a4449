/**
 * Non-foundation-model baselines that every FM task is measured against: the HVG + PCA embedding space; marker-gene
 * scoring with a label hierarchy (the reference-free annotation); for perturbation the mean-shift and linear
 * (Ahlmann-Eltze et al. 2025) response predictors with their held-out context evaluation; for gene programs the
 * expression-correlation modules.
 */
package org.scjava.dsl.baselines;
