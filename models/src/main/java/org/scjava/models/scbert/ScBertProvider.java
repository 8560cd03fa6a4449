package org.scjava.models.scbert;

import org.scjava.models.ModelProvider;
import org.scjava.models.ModelRegistry;

/** Registers kind {@code scbert} ({@code Models.load("scbert", dirOrCheckpoint, options)}, {@code %model load scbert}). */
public final class ScBertProvider implements ModelProvider {

    @Override
    public void register(ModelRegistry registry) {
        registry.register("scbert", (p, o) -> ScBertModel.builder().setPath(p).optOptions(o).build());
    }
}
