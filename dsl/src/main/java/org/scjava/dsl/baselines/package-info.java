/** Non-foundation-model baselines that every FM task is measured against (HVG + PCA embedding space; marker-gene
 * scoring with a label hierarchy, the reference-free annotation). */
package org.scjava.dsl.baselines;
