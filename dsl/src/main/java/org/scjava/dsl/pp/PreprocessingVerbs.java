package org.scjava.dsl.pp;

import org.scjava.dsl.atlas.Atlas;

/**
 * Preprocessing verbs (scanpy's {@code pp}): QC, filtering, normalisation, HVG, scaling, PCA.
 *
 * <p>A mixin of {@link Atlas}: each default method is a one-line facade over the verb's own class in this
 * package, so the verb also has a static form that works on plain data.
 */
public interface PreprocessingVerbs {

    /** The Atlas this mixin belongs to (Atlas is the only implementation). */
    private Atlas atlas() {
        return (Atlas) this;
    }
}
