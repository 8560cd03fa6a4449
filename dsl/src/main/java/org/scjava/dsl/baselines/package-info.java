/**
 * Non-foundation-model baselines that FM tasks are measured against: for perturbation the mean-shift and linear
 * (Ahlmann-Eltze et al. 2025) response predictors with their held-out context evaluation; for gene programs the
 * expression-correlation modules. (The HVG + PCA space lives in {@code tl.HvgPcaSpace}, marker-gene annotation in
 * {@code tasks.markers}: tasks use them.) The top verb layer: it may use tasks, never the other way round.
 */
package org.scjava.dsl.baselines;
