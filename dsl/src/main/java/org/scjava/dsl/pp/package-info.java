/**
 * Preprocessing verbs (scanpy's {@code pp}): QC metrics, filters, library-size normalisation, log1p, highly
 * variable genes (seurat, seurat_v3), scaling (implicit on sparse X) and sparse PCA, plus the small numerical
 * kernels they share ({@link org.scjava.dsl.pp.Lanczos}, {@link org.scjava.dsl.pp.SubspaceIteration}).
 */
package org.scjava.dsl.pp;
