/**
 * Gene programs (issue 8): gene modules from gene vectors (model gene embeddings or expression profiles) by kNN +
 * Leiden, scored per cell, tested for GO biological-process enrichment against the bundled sets
 * ({@link org.scjava.dsl.tasks.programs.GeneSets}, {@link org.scjava.dsl.tasks.programs.Enrichment}) and summarised by
 * coherence; {@code atlas.genePrograms(model)} and the expression baseline {@code atlas.genePrograms()}.
 */
package org.scjava.dsl.tasks.programs;
