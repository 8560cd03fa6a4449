/**
 * Task verbs ({@link org.scjava.dsl.tasks.TaskVerbs}): foundation-model embedding, zero-shot annotation
 * ({@link org.scjava.dsl.tasks.ZeroShotAnnotation}: marker genes or reference mapping), cross-species gene mapping
 * and label transfer ({@link org.scjava.dsl.tasks.ToSpecies}, {@link org.scjava.dsl.tasks.TransferFrom}), batch
 * harmonization and its metrics (facades over {@code tl.Harmony} and {@code tl.IntegrationMetrics}), in-silico
 * perturbation and gene programs.
 */
package org.scjava.dsl.tasks;
