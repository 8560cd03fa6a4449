package org.scjava.dsl.tasks.markers;

import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.io.DelimitedText;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Cell-type marker genes with a label hierarchy. The bundled tables ({@link #human()}: PBMC types; {@link #mouse()}:
 * stomach types) were compiled from published marker facts with a citation per row (data/markers/README.md). A user
 * table is a tab- or comma-separated file with a header naming {@code cell_type}, {@code gene} and optionally
 * {@code parent} (the coarser label); other columns are ignored.
 */
public final class MarkerTable {

    private final String source;
    private final String species;
    private final Map<String, List<String>> markers;
    private final LabelHierarchy hierarchy;

    private MarkerTable(String source, String species, Map<String, List<String>> markers, LabelHierarchy hierarchy) {
        this.source = source;
        this.species = species;
        this.markers = markers;
        this.hierarchy = hierarchy;
    }

    /** The bundled human PBMC table. */
    public static MarkerTable human() {
        return bundled("markers_human.tsv", "human");
    }

    /** The bundled mouse stomach table. */
    public static MarkerTable mouse() {
        return bundled("markers_mouse.tsv", "mouse");
    }

    /** The bundled table of {@code species} ("human" or "mouse"). */
    public static MarkerTable bundled(String species) {
        return switch (species.trim().toLowerCase(Locale.ROOT)) {
            case "human", "homo sapiens" -> human();
            case "mouse", "mus musculus" -> mouse();
            default -> throw new AtlasException("no bundled marker table for species '" + species
                    + "' (bundled: human, mouse); pass your own with MarkerTable.read(path)");
        };
    }

    /** Reads a user table (see the class comment). */
    public static MarkerTable read(Path file) {
        return parse(DelimitedText.read(file, "marker table " + file), file.toString(), null);
    }

    /** A table from cell type → marker genes, without a hierarchy (all types at depth 1). */
    public static MarkerTable of(Map<String, ? extends List<String>> markers) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        markers.forEach((k, v) -> m.put(k, List.copyOf(v)));
        return new MarkerTable("user map", null, m, LabelHierarchy.flat(m.keySet()));
    }

    private static MarkerTable bundled(String name, String species) {
        String path = "/org/scjava/dsl/tasks/data/markers/" + name;
        try (InputStream in = MarkerTable.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new AtlasException("the bundled marker table " + path + " is missing from the scjava-dsl jar");
            }
            return parse(DelimitedText.read(in, "bundled marker table " + name), "bundled " + name, species);
        } catch (IOException e) {
            throw new AtlasException("cannot read the bundled marker table " + name + ": " + e.getMessage(), e);
        }
    }

    private static MarkerTable parse(DelimitedText t, String source, String species) {
        int typeCol = t.column("cell_type");
        int geneCol = t.column("gene");
        int parentCol = t.column("parent");
        if (typeCol < 0 || geneCol < 0) {
            throw new AtlasException(t.what() + ": the header must name the columns 'cell_type' and 'gene' (and "
                    + "optionally 'parent'); found " + t.header());
        }
        Map<String, Set<String>> markers = new LinkedHashMap<>();
        Map<String, String> parents = new LinkedHashMap<>();
        for (int r = 0; r < t.rows().size(); r++) {
            String[] f = t.rows().get(r);
            String type = f[typeCol];
            String gene = f[geneCol];
            if (type.isEmpty() || gene.isEmpty()) {
                throw new AtlasException(t.what() + " line " + t.lineNumbers().get(r) + ": empty cell_type or gene");
            }
            markers.computeIfAbsent(type, k -> new LinkedHashSet<>()).add(gene);
            String p = parentCol < 0 || f[parentCol].isEmpty() ? null : f[parentCol];
            String before = parents.get(type);
            if (before != null && p != null && !before.equals(p)) {
                throw new AtlasException(t.what() + " line " + t.lineNumbers().get(r) + ": cell type '" + type
                        + "' has two parents, '" + before + "' and '" + p + "'");
            }
            if (before == null) {
                parents.put(type, p);
            }
        }
        if (markers.isEmpty()) {
            throw new AtlasException(t.what() + " has no markers");
        }
        Map<String, List<String>> m = new LinkedHashMap<>();
        markers.forEach((k, v) -> m.put(k, List.copyOf(v)));
        return new MarkerTable(source, species, m, LabelHierarchy.of(parents));
    }

    /** Marker genes per cell type (types only in the hierarchy, e.g. "lymphocyte", have none). */
    public Map<String, List<String>> markers() {
        return java.util.Collections.unmodifiableMap(markers);
    }

    public LabelHierarchy hierarchy() {
        return hierarchy;
    }

    /** "human"/"mouse" for the bundled tables, null for user tables. */
    public String species() {
        return species;
    }

    public String source() {
        return source;
    }

    /** All marker genes. */
    public Set<String> genes() {
        Set<String> out = new LinkedHashSet<>();
        markers.values().forEach(out::addAll);
        return out;
    }

    @Override
    public String toString() {
        return "MarkerTable[" + source + ", " + markers.size() + " cell types, " + genes().size() + " genes]";
    }
}
