package org.scjava.models.esm2;

import org.scjava.models.ModelProvider;
import org.scjava.models.ModelRegistry;

/** Registers kind {@code esm2} ({@code Models.load("esm2", checkpointOrDir, options)}, {@code %model load esm2}). */
public final class Esm2Provider implements ModelProvider {

    @Override
    public void register(ModelRegistry registry) {
        registry.register("esm2", (p, o) -> Esm2Model.builder().setCheckpoint(p).optOptions(o).build());
    }
}
