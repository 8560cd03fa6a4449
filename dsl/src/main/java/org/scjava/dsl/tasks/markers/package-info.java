/**
 * Reference-free zero-shot annotation by marker genes, the implementation of {@code annotateZeroShot()}: marker
 * tables with a label hierarchy ({@link org.scjava.dsl.tasks.markers.MarkerTable}), per-cell marker scores on
 * log-normalised expression and cluster-level labelling ({@link org.scjava.dsl.tasks.markers.MarkerAnnotation}).
 */
package org.scjava.dsl.tasks.markers;
