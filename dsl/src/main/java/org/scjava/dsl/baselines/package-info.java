/** Non-foundation-model baselines that every FM task is measured against (HVG + PCA embedding space). */
package org.scjava.dsl.baselines;
