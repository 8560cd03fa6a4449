package org.scjava.models.scfoundation;

import org.scjava.models.ModelProvider;
import org.scjava.models.ModelRegistry;

/**
 * Registers kind {@code scfoundation} ({@code Models.load("scfoundation", dirOrCkpt, options)},
 * {@code %model load scfoundation}) with {@code get_embedding.py}'s defaults (version ce, pool all, t4).
 */
public final class ScFoundationProvider implements ModelProvider {

    @Override
    public void register(ModelRegistry registry) {
        registry.register("scfoundation", (p, o) -> ScFoundationModel.builder().setPath(p).optOptions(o).build());
    }
}
