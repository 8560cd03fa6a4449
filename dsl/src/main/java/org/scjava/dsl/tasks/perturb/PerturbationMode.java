package org.scjava.dsl.tasks.perturb;

import org.scjava.dsl.core.AtlasException;

import java.util.Locale;

/** Geneformer's {@code perturb_type}: remove the gene, or make it the top-ranked (top-bin) gene. */
public enum PerturbationMode {
    DELETE, OVEREXPRESS;

    public static PerturbationMode parse(String s) {
        try {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new AtlasException("perturb: mode must be \"delete\" or \"overexpress\", got \"" + s + "\"");
        }
    }

    /** "delete" / "overexpress" as Geneformer writes it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
