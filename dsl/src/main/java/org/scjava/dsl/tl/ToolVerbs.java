package org.scjava.dsl.tl;

import org.scjava.dsl.atlas.Atlas;

/**
 * Tool verbs (scanpy's {@code tl}): neighbors, UMAP, Leiden, differential expression, gene scores, harmonization, metrics.
 *
 * <p>A mixin of {@link Atlas}: each default method is a one-line facade over the verb's own class in this
 * package, so the verb also has a static form that works on plain data.
 */
public interface ToolVerbs {

    /** The Atlas this mixin belongs to (Atlas is the only implementation). */
    private Atlas atlas() {
        return (Atlas) this;
    }
}
