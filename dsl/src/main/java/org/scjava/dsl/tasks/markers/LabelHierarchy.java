package org.scjava.dsl.tasks.markers;

import org.scjava.dsl.core.AtlasException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tree of cell-type labels (child → parent, e.g. "CD4 T cell" → "T cell" → "lymphocyte"), the granularity axis of
 * annotation: depth 1 holds the roots (labels without a parent), and {@link #coarsen} maps a fine label to its
 * ancestor at a coarser depth ("CD4 T cell" at depth 2 is "T cell").
 */
public final class LabelHierarchy {

    private final Map<String, String> parent;
    private final Map<String, List<String>> children = new LinkedHashMap<>();
    private final List<String> roots = new ArrayList<>();

    private LabelHierarchy(Map<String, String> parent) {
        this.parent = parent;
        Set<String> all = new LinkedHashSet<>(parent.keySet());
        all.addAll(parent.values());
        all.remove(null);
        for (String label : all) {
            String p = parent.get(label);
            if (p == null) {
                roots.add(label);
            } else {
                children.computeIfAbsent(p, k -> new ArrayList<>()).add(label);
            }
        }
    }

    /** A hierarchy from child → parent pairs (a null or empty parent makes a root); refuses cycles. */
    public static LabelHierarchy of(Map<String, String> childToParent) {
        Map<String, String> p = new LinkedHashMap<>();
        childToParent.forEach((c, par) -> p.put(c, par == null || par.isBlank() ? null : par));
        for (String start : p.keySet()) {
            Set<String> seen = new LinkedHashSet<>();
            for (String c = start; c != null; c = p.get(c)) {
                if (!seen.add(c)) {
                    throw new AtlasException("label hierarchy has a cycle: " + String.join(" -> ", seen) + " -> " + c);
                }
            }
        }
        return new LabelHierarchy(p);
    }

    /** A flat hierarchy: every label is a root. */
    public static LabelHierarchy flat(Iterable<String> labels) {
        Map<String, String> p = new LinkedHashMap<>();
        labels.forEach(l -> p.put(l, null));
        return new LabelHierarchy(p);
    }

    public boolean contains(String label) {
        return parent.containsKey(label) || children.containsKey(label);
    }

    /** Labels without a parent (depth 1). */
    public List<String> roots() {
        return Collections.unmodifiableList(roots);
    }

    public List<String> children(String label) {
        return children.getOrDefault(label, List.of());
    }

    /** The parent, or null for a root. */
    public String parent(String label) {
        return parent.get(label);
    }

    /** 1 for a root, 2 for its children, ... */
    public int depth(String label) {
        int d = 0;
        for (String c = label; c != null; c = parent.get(c)) {
            d++;
        }
        return d;
    }

    /** True when {@code ancestor} is {@code label} or one of its ancestors. */
    public boolean isAncestorOrSelf(String ancestor, String label) {
        for (String c = label; c != null; c = parent.get(c)) {
            if (c.equals(ancestor)) {
                return true;
            }
        }
        return false;
    }

    /** The ancestor of {@code label} at {@code depth} (the label itself when it is not deeper); unknown labels pass through. */
    public String coarsen(String label, int depth) {
        if (!contains(label)) {
            return label;
        }
        String c = label;
        for (int d = depth(label); d > depth && parent.get(c) != null; d--) {
            c = parent.get(c);
        }
        return c;
    }

    /** The deepest level of the tree. */
    public int maxDepth() {
        int max = 0;
        for (String l : parent.keySet()) {
            max = Math.max(max, depth(l));
        }
        return max;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (String r : roots) {
            append(sb, r, 0);
        }
        return sb.toString();
    }

    private void append(StringBuilder sb, String label, int indent) {
        sb.append("  ".repeat(indent)).append(label).append('\n');
        for (String c : children(label)) {
            append(sb, c, indent + 1);
        }
    }
}
