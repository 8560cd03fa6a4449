package org.scjava.models.io;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The Python globals a pickle may reference, each bound to a Java re-implementation. Everything else (e.g.
 * {@code os.system}, {@code builtins.eval}, {@code subprocess.Popen}, a user's {@code __main__.Model}) is refused by
 * {@link SafeUnpickler} before any object is built. Immutable; {@link #with} returns an extended copy so a reader can
 * add exactly what its format needs (later model loaders add their own entries the same way).
 */
public final class PickleAllowlist {

    private final Map<String, PyGlobal> globals;

    private PickleAllowlist(Map<String, PyGlobal> globals) {
        this.globals = Map.copyOf(globals);
    }

    /** Plain containers: {@code collections.OrderedDict} and {@code _codecs.encode} (bytes in protocol-2 pickles). */
    public static PickleAllowlist containers() {
        Map<String, PyGlobal> m = new LinkedHashMap<>();
        m.put("collections.OrderedDict", args -> new PyOrderedDict());
        m.put("_codecs.encode", PickleAllowlist::codecsEncode);
        return new PickleAllowlist(m);
    }

    /** Containers plus numpy scalars ({@code numpy.int16}, {@code numpy.float64}, ...) as Geneformer's dictionaries hold. */
    public static PickleAllowlist dictionaries() {
        return containers()
                .with("numpy.dtype", NumpyScalars.DTYPE)
                .with("numpy.core.multiarray.scalar", NumpyScalars.SCALAR)
                .with("numpy._core.multiarray.scalar", NumpyScalars.SCALAR);
    }

    /** A copy that also allows {@code qualifiedName} ("module.name"), bound to {@code impl}. */
    public PickleAllowlist with(String qualifiedName, PyGlobal impl) {
        Map<String, PyGlobal> m = new LinkedHashMap<>(globals);
        m.put(qualifiedName, impl);
        return new PickleAllowlist(m);
    }

    /** The implementation of {@code module.name}, or null when it is not allowed. */
    public PyGlobal resolve(String module, String name) {
        return globals.get(module + "." + name);
    }

    public Set<String> names() {
        return new TreeSet<>(globals.keySet());
    }

    /** A short description for error messages: the first few names and the count. */
    public String summary() {
        List<String> n = new ArrayList<>(names());
        return String.join(", ", n.subList(0, Math.min(4, n.size()))) + (n.size() > 4 ? ", ... " + n.size() + " names" : "");
    }

    private static Object codecsEncode(Object[] args) {
        if (args.length >= 1 && args[0] instanceof String s) {
            String enc = args.length > 1 ? String.valueOf(args[1]) : "utf-8";
            return s.getBytes("latin1".equalsIgnoreCase(enc) || "latin-1".equalsIgnoreCase(enc)
                    ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        }
        throw new IllegalArgumentException("_codecs.encode expects (str, encoding)");
    }
}
