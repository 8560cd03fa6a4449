package org.scjava.models.io;

import org.scjava.models.api.CheckpointException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Named tensors of one checkpoint file, with shape checks that name the key and both shapes, and a record of which
 * keys a loader used so the rest can be listed in the model card (loading is explicit: every tensor the model needs
 * must be present with the right shape; nothing is silently skipped).
 */
public final class StateDict {

    private static final String[] NESTED_KEYS = {"state_dict", "model_state_dict", "model", "module"};

    private final String source;
    private final Map<String, HostTensor> tensors;
    private final Set<String> used = new LinkedHashSet<>();

    public StateDict(String source, Map<String, HostTensor> tensors) {
        this.source = source;
        this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }

    /**
     * The tensor map inside an unpickled checkpoint: the root when it maps names to tensors, otherwise the first of
     * {@code state_dict}, {@code model_state_dict}, {@code model}, {@code module} that does.
     */
    public static StateDict of(Object root, String source) {
        Map<String, HostTensor> direct = tensorMap(root);
        if (direct != null) {
            return new StateDict(source, direct);
        }
        if (root instanceof Map<?, ?> m) {
            for (String k : NESTED_KEYS) {
                Map<String, HostTensor> nested = tensorMap(m.get(k));
                if (nested != null) {
                    return new StateDict(source, nested);
                }
            }
            throw new CheckpointException(source + " holds a dictionary with keys " + m.keySet()
                    + " but no tensor state dict (looked at the root and " + Arrays.toString(NESTED_KEYS) + ")");
        }
        throw new CheckpointException(source + " holds a " + (root == null ? "None" : root.getClass().getSimpleName())
                + ", not a state dict of tensors");
    }

    private static Map<String, HostTensor> tensorMap(Object o) {
        if (!(o instanceof Map<?, ?> m) || m.isEmpty()) {
            return null;
        }
        Map<String, HostTensor> out = new LinkedHashMap<>();
        for (var e : m.entrySet()) {
            if (e.getValue() instanceof HostTensor t) {
                out.put(String.valueOf(e.getKey()), t);
            } else if (e.getValue() != null) {
                return null;
            }
        }
        return out;
    }

    public String source() {
        return source;
    }

    public Set<String> keys() {
        return tensors.keySet();
    }

    public boolean contains(String key) {
        return tensors.containsKey(key);
    }

    /** The tensor {@code key}, marked used; a clear error when it is missing. */
    public HostTensor get(String key) {
        HostTensor t = tensors.get(key);
        if (t == null) {
            throw new CheckpointException(source + " has no tensor '" + key + "'" + similar(key)
                    + " — the checkpoint does not match this model type or was cut short");
        }
        used.add(key);
        return t;
    }

    /** The tensor {@code key} with exactly {@code shape}; the error names the key, expected and found shapes. */
    public HostTensor get(String key, long... shape) {
        HostTensor t = get(key);
        if (!Arrays.equals(t.shape(), shape)) {
            throw new CheckpointException(source + ": tensor '" + key + "' has shape " + t.shapeString()
                    + " but the model config needs " + Arrays.toString(shape)
                    + " — config and checkpoint do not belong together");
        }
        return t;
    }

    /** Marks keys as deliberately ignored (tied copies, buffers) without reading them. */
    public void markUsed(String key) {
        if (tensors.containsKey(key)) {
            used.add(key);
        }
    }

    /** Keys not used by the loader, in file order (shown in the model card). */
    public List<String> unusedKeys() {
        List<String> out = new ArrayList<>();
        for (String k : tensors.keySet()) {
            if (!used.contains(k)) {
                out.add(k);
            }
        }
        return out;
    }

    /** A renamed copy (e.g. flash-attention names mapped to torch names); keys seen twice are an error. */
    public StateDict renamed(java.util.function.UnaryOperator<String> rename) {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        for (var e : tensors.entrySet()) {
            String k = rename.apply(e.getKey());
            if (out.put(k, e.getValue()) != null) {
                throw new CheckpointException(source + ": both '" + e.getKey() + "' and another key map to '" + k + "'");
            }
        }
        return new StateDict(source, out);
    }

    private String similar(String key) {
        String tail = key.substring(key.lastIndexOf('.') + 1);
        List<String> hits = new ArrayList<>();
        for (String k : tensors.keySet()) {
            if (k.endsWith("." + tail) && hits.size() < 3) {
                hits.add(k);
            }
        }
        return hits.isEmpty() ? " (it has " + tensors.size() + " tensors)" : " (similar keys: " + hits + ")";
    }
}
