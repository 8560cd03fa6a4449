package org.scjava.kernel.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * The imports every session starts with, so {@code Atlas.load(...)} works in the first cell: the everyday JDK
 * packages (collections, streams, functions, files), the scjava DSL and model packages, Tablesaw's API, XChart, and
 * the notebook functions ({@code display}). Each import is a snippet JShell compiles at start, so the list is short.
 * Packages that are not on the class path (a module not built yet) are left out rather than failing every cell.
 */
final class StartupImports {

    private static final List<String> PACKAGES = List.of(
            "java.io", "java.nio.file", "java.util", "java.util.function", "java.util.stream",
            "org.scjava.dsl.atlas", "org.scjava.dsl.core", "org.scjava.dsl.api", "org.scjava.dsl.io", "org.scjava.dsl.pp",
            "org.scjava.dsl.tl", "org.scjava.dsl.pl", "org.scjava.dsl.tasks", "org.scjava.dsl.tasks.markers",
            "org.scjava.dsl.baselines", "org.scjava.models", "org.scjava.models.api",
            "tech.tablesaw.api", "org.knowm.xchart");

    private static final List<String> STATIC_CLASSES = List.of("org.scjava.kernel.Notebook");

    private StartupImports() {
    }

    /** The import statements for the packages present on {@code loader}'s class path. */
    static List<String> statements(ClassLoader loader) {
        List<String> out = new ArrayList<>();
        for (String p : PACKAGES) {
            if (p.startsWith("java.") || loader.getResource(p.replace('.', '/') + "/") != null) {
                out.add("import " + p + ".*;");
            }
        }
        for (String c : STATIC_CLASSES) {
            if (loader.getResource(c.replace('.', '/') + ".class") != null) {
                out.add("import static " + c + ".*;");
            }
        }
        return out;
    }
}
