package org.scjava.dsl.pl;

import org.scjava.dsl.atlas.Atlas;

/**
 * Plotting verbs (scanpy's {@code pl}): XChart figures returned as objects so notebooks render them inline.
 *
 * <p>A mixin of {@link Atlas}: each default method is a one-line facade over the verb's own class in this
 * package, so the verb also has a static form that works on plain data.
 */
public interface PlotVerbs {

    /** The Atlas this mixin belongs to (Atlas is the only implementation). */
    private Atlas atlas() {
        return (Atlas) this;
    }
}
