package org.scjava.dsl.tasks.perturb;

import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.AtlasException;
import tech.tablesaw.api.Table;

import java.util.Map;

/** Reads back what {@link InSilicoPerturbation} stored under {@code uns[key]}. */
public final class PerturbationResults {

    private PerturbationResults() {
    }

    /** The per-cell table of {@code uns[key]["cells"]}. */
    public static Table cells(AtlasData atlas, String key) {
        return part(atlas, key, "cells");
    }

    /** The per-affected-gene table of {@code uns[key]["gene_shifts"]}. */
    public static Table geneShifts(AtlasData atlas, String key) {
        return part(atlas, key, "gene_shifts");
    }

    private static Table part(AtlasData atlas, String key, String part) {
        if (!(atlas.uns().get(key) instanceof Map<?, ?> m) || !(m.get(part) instanceof Table t)) {
            throw new AtlasException("no perturbation result in uns['" + key + "']['" + part + "']; run"
                    + " atlas.perturb(model, gene, mode) first");
        }
        return t;
    }
}
