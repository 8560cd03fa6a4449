/**
 * Streamed analysis of atlases larger than memory, in passes over row blocks of a
 * {@link org.scjava.dsl.io.BackedH5ad}: normalisation statistics, highly variable genes and PCA
 * ({@link org.scjava.dsl.stream.BackedAnalysis}), and foundation-model embedding appended to the file as it goes
 * ({@link org.scjava.dsl.stream.BackedEmbed}). The facade {@code BackedAtlas} exposes them as verbs.
 */
package org.scjava.dsl.stream;
