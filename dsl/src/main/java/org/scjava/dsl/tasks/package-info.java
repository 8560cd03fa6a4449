/**
 * Task verbs ({@link org.scjava.dsl.tasks.TaskVerbs}): foundation-model embedding ({@link org.scjava.dsl.tasks.Embed}
 * over the {@link org.scjava.dsl.tasks.CellEmbedder} contract that model handles implement, with the
 * {@link org.scjava.dsl.tasks.GeneMatch} rule), zero-shot annotation
 * ({@link org.scjava.dsl.tasks.ZeroShotAnnotation}: marker genes or reference mapping), cross-species gene mapping
 * and label transfer ({@link org.scjava.dsl.tasks.ToSpecies}, {@link org.scjava.dsl.tasks.TransferFrom}), batch
 * harmonization and its metrics (facades over {@code tl.Harmony} and {@code tl.IntegrationMetrics}), in-silico
 * perturbation and gene programs.
 */
package org.scjava.dsl.tasks;
