package org.scjava.kernel.display;

import org.dflib.jjava.jupyter.kernel.display.RenderContext;

import java.util.List;

/**
 * Renders values of one Java type for Jupyter: a service (listed in
 * {@code META-INF/services/org.scjava.kernel.display.TypeRenderer}) so any module or jar on the kernel's class path
 * adds renderers without the kernel knowing its types. Registered into JJava's type-keyed renderer, so subtypes and
 * implementations of {@link #type()} use it too. A renderer only formats: it never computes results.
 *
 * @param <T> the rendered type
 */
public interface TypeRenderer<T> {

    /** The class or interface this renderer handles. */
    Class<T> type();

    /** MIME types produced by default, most preferred first ({@code text/plain} is always requested too). */
    List<String> preferred();

    /** Further MIME types produced only on request, e.g. {@code display(figure, "image/svg+xml")}. */
    default List<String> onRequest() {
        return List.of();
    }

    /** Puts each requested representation into the context ({@code context.renderIfRequested(type, ...)}). */
    void render(T value, RenderContext context);
}
