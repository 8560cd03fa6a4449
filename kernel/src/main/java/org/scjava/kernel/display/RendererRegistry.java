package org.scjava.kernel.display;

import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashSet;
import java.util.ServiceLoader;
import java.util.Set;

/** Finds {@link TypeRenderer} services and registers them with JJava's {@link Renderer}. */
public final class RendererRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(RendererRegistry.class);

    private final Renderer renderer;
    private final Set<String> installed = new LinkedHashSet<>();

    public RendererRegistry(Renderer renderer) {
        this.renderer = renderer;
    }

    /**
     * Registers every renderer service visible to {@code loader} not registered yet (call again after jars are
     * added to the session). A renderer whose type is missing from the class path is skipped.
     *
     * @return the number of renderers added
     */
    public int installFrom(ClassLoader loader) {
        int added = 0;
        for (ServiceLoader.Provider<TypeRenderer> provider : ServiceLoader.load(TypeRenderer.class, loader).stream().toList()) {
            String name = provider.type().getName();
            if (installed.contains(name)) {
                continue;
            }
            try {
                register(provider.get());
                installed.add(name);
                added++;
            } catch (LinkageError | RuntimeException e) {
                LOG.debug("renderer {} not installed: {}", name, e.toString());
            }
        }
        return added;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void register(TypeRenderer r) {
        renderer.createRegistration(r.type())
                .preferring(((java.util.List<String>) r.preferred()).toArray(String[]::new))
                .supporting(((java.util.List<String>) r.onRequest()).toArray(String[]::new))
                .register(r::render);
    }

    public Renderer renderer() {
        return renderer;
    }
}
