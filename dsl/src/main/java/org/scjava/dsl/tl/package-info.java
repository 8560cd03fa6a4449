/**
 * Tool verbs (scanpy's {@code tl}): kNN graph with UMAP connectivities, UMAP, Leiden, marker genes
 * (t-test, Wilcoxon) and gene-set scores.
 */
package org.scjava.dsl.tl;
