package org.scjava.models.io;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Python's {@code collections.OrderedDict}, the container of a torch state dict. Instance attributes set by BUILD
 * (torch stores {@code _metadata}, the per-module version numbers) are kept apart from the items.
 */
public final class PyOrderedDict extends LinkedHashMap<Object, Object> implements PyBuildable {

    private static final long serialVersionUID = 1L;

    private final Map<Object, Object> attributes = new LinkedHashMap<>();

    @Override
    public void setState(Object state) {
        if (state instanceof Map<?, ?> m) {
            attributes.putAll(m);
        } else if (state != null) {
            throw new IllegalArgumentException("OrderedDict state must be a dict, got " + state.getClass().getSimpleName());
        }
    }

    /** Attributes such as {@code _metadata}. */
    public Map<Object, Object> attributes() {
        return attributes;
    }
}
