package org.scjava.magics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** The magics found as services on a class path, looked up by name and kind (line or cell). */
public final class MagicRegistry {

    private final List<Magic> magics;

    public MagicRegistry(List<Magic> magics) {
        List<Magic> sorted = new ArrayList<>(magics);
        sorted.sort(Comparator.comparing(Magic::name).thenComparing(Magic::isCellMagic));
        this.magics = List.copyOf(sorted);
    }

    public static MagicRegistry load(ClassLoader loader) {
        List<Magic> found = new ArrayList<>();
        ServiceLoader.load(Magic.class, loader).forEach(found::add);
        return new MagicRegistry(found);
    }

    public List<Magic> all() {
        return magics;
    }

    public Optional<Magic> find(String name, boolean cell) {
        return magics.stream().filter(m -> m.name().equals(name) && m.isCellMagic() == cell).findFirst();
    }

    /** The magic, or an error listing the known ones. */
    public Magic require(String name, boolean cell) {
        return find(name, cell).orElseThrow(() -> new MagicException("unknown " + (cell ? "cell magic %%" : "line magic %")
                + name + "; known: " + String.join(" ", magics.stream()
                        .map(m -> (m.isCellMagic() ? "%%" : "%") + m.name()).toList()) + " (see %lsmagic)"));
    }
}
