/**
 * Tool verbs (scanpy's {@code tl}): kNN graph with UMAP connectivities, UMAP, Leiden, marker genes
 * (t-test, Wilcoxon) and gene-set scores; Harmony batch integration and integration metrics (silhouette, LISI,
 * ARI/NMI), whose verbs {@code harmonize}/{@code integrationMetrics} live in the task verbs.
 */
package org.scjava.dsl.tl;
