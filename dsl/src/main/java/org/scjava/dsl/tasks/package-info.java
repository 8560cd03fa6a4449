/**
 * Task verbs (the facade's {@code TaskVerbs}): foundation-model embedding ({@link org.scjava.dsl.tasks.Embed}
 * over the {@link org.scjava.dsl.api.CellEmbedder} contract that model handles implement, with the
 * {@link org.scjava.dsl.api.GeneMatch} rule), zero-shot annotation
 * ({@link org.scjava.dsl.tasks.ZeroShotAnnotation}: marker genes or reference mapping), cross-species gene mapping
 * and label transfer ({@link org.scjava.dsl.tasks.ToSpecies}, {@link org.scjava.dsl.tasks.TransferFrom}),
 * protein embeddings of genes, in-silico perturbation and gene programs. Works on
 * {@link org.scjava.dsl.core.AtlasData}; depends on core, api, io, pp, tl and pl, never on baselines or the facade.
 */
package org.scjava.dsl.tasks;
