package org.scjava.magics;

import org.scjava.models.api.FoundationModel;

import java.util.LinkedHashMap;
import java.util.Map;

/** The model handles held in session variables (for %model list and %provenance). */
final class ModelHandles {

    private ModelHandles() {
    }

    /** Variable name → model, in definition order. */
    static Map<String, FoundationModel> find(MagicContext context) {
        Map<String, FoundationModel> out = new LinkedHashMap<>();
        for (MagicContext.Variable v : context.variables()) {
            context.value(v.name()).ifPresent(value -> {
                if (value instanceof FoundationModel m) {
                    out.put(v.name(), m);
                }
            });
        }
        return out;
    }
}
