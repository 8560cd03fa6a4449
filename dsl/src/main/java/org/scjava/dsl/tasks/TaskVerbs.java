package org.scjava.dsl.tasks;

import org.scjava.dsl.atlas.Atlas;

/**
 * Task verbs: foundation-model embedding, zero-shot annotation, perturbation, cross-species transfer, gene programs.
 *
 * <p>A mixin of {@link Atlas}: each default method is a one-line facade over the verb's own class in this
 * package, so the verb also has a static form that works on plain data.
 */
public interface TaskVerbs {

    /** The Atlas this mixin belongs to (Atlas is the only implementation). */
    private Atlas atlas() {
        return (Atlas) this;
    }
}
