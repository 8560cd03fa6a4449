/**
 * Front ends of {@link org.scjava.dsl.core.Progress}: a live bar in the notebook (update_display_data) and a
 * progress line on stderr for {@code ./scjava run}.
 */
package org.scjava.kernel.progress;
