package org.scjava.models;

/**
 * Adds model kinds to the registry from another module or jar, found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/org.scjava.models.ModelProvider}).
 */
public interface ModelProvider {

    /** Registers this provider's kinds, e.g. {@code registry.register("scbert", ScBertModel::load)}. */
    void register(ModelRegistry registry);
}
