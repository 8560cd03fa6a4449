package org.scjava.models.io;

import org.scjava.models.api.CheckpointException;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the object tree of an unpickled checkpoint into the caller's tree with every {@link TensorRef} replaced by
 * its {@link HostTensor}. A pickle is a graph, not a tree: its memo lets a container appear many times (a shared
 * sub-list doubled 60 times is 2^60 leaves) or inside itself, so each container is converted once (by identity) and
 * nesting is bounded by {@link #MAX_DEPTH}. A failure while materialising a tensor (shape, stride or offset outside
 * its storage) becomes a {@link CheckpointException} naming the file and the tensor's dotted path.
 */
final class TensorTree {

    /** State dicts nest a few levels (optimizer state, nested modules); far deeper is a hostile file. */
    static final int MAX_DEPTH = 200;

    private final String source;
    private final Map<Object, Object> done = new IdentityHashMap<>();

    private TensorTree(String source) {
        this.source = source;
    }

    static Object materialize(Object root, String source) {
        return new TensorTree(source).convert(root, "", 0);
    }

    private Object convert(Object node, String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw new CheckpointException(source + ": containers nested more than " + MAX_DEPTH + " levels deep at '"
                    + abbreviate(path) + "' (not a state dict)");
        }
        if (node == null || node instanceof String || node instanceof Number || node instanceof Boolean) {
            return node;
        }
        Object seen = done.get(node);
        if (seen != null) {
            return seen;
        }
        if (node instanceof TensorRef ref) {
            Object t = tensor(ref, path);
            done.put(node, t);
            return t;
        }
        return container(node, path, depth);
    }

    private Object container(Object node, String path, int depth) {
        if (node instanceof PyOrderedDict od) {
            PyOrderedDict out = new PyOrderedDict();
            done.put(node, out);
            out.setState(od.attributes());
            od.forEach((k, v) -> out.put(k, convert(v, join(path, k), depth + 1)));
            return out;
        }
        if (node instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            done.put(node, out);
            m.forEach((k, v) -> out.put(k, convert(v, join(path, k), depth + 1)));
            return out;
        }
        if (node instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            done.put(node, out);
            for (int i = 0; i < l.size(); i++) {
                out.add(convert(l.get(i), join(path, i), depth + 1));
            }
            return out;
        }
        if (node instanceof Object[] t) {
            Object[] out = new Object[t.length];
            done.put(node, out);
            for (int i = 0; i < t.length; i++) {
                out[i] = convert(t[i], join(path, i), depth + 1);
            }
            return out;
        }
        return node;
    }

    private HostTensor tensor(TensorRef ref, String path) {
        try {
            return ref.materialize(source, path);
        } catch (CheckpointException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CheckpointException(source + ": tensor '" + abbreviate(path) + "' cannot be read ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + "); corrupt checkpoint", e);
        }
    }

    private static String join(String path, Object key) {
        String k = key instanceof String || key instanceof Number ? String.valueOf(key) : PickleValues.describe(key);
        return path.isEmpty() ? k : path.length() > 500 ? path : path + "." + k;
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
