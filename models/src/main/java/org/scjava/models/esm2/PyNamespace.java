package org.scjava.models.esm2;

import org.scjava.models.io.PyBuildable;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Python's {@code argparse.Namespace} as a pickle holds it: an attribute bag filled by BUILD. ESM-2 checkpoints keep
 * their model configuration in one ({@code cfg["model"]}). Building it runs no code, so it is safe to allowlist.
 */
final class PyNamespace implements PyBuildable {

    private final Map<String, Object> attributes = new LinkedHashMap<>();

    @Override
    public void setState(Object state) {
        if (!(state instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("argparse.Namespace state must be a dict, got "
                    + (state == null ? "None" : state.getClass().getSimpleName()));
        }
        m.forEach((k, v) -> attributes.put(String.valueOf(k), v));
    }

    Map<String, Object> attributes() {
        return attributes;
    }
}
