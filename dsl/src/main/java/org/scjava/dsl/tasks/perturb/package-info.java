/**
 * In-silico perturbation (issue 8): {@code atlas.perturb(model, gene, "delete"|"overexpress"[, goalKey, goalValue])}
 * with Geneformer's {@code InSilicoPerturber} semantics ({@link org.scjava.dsl.tasks.perturb.SequenceEdit},
 * {@link org.scjava.dsl.tasks.perturb.InSilicoPerturbation}), the scGPT value variant, matched-null screens
 * ({@link org.scjava.dsl.tasks.perturb.PerturbationScreen}) and figures. Models plug in through
 * {@link org.scjava.dsl.api.PerturbableModel}, which the models module implements for Geneformer and scGPT.
 */
package org.scjava.dsl.tasks.perturb;
