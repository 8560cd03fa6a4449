package org.scjava.dsl.tasks;

import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.pp.SyntheticCounts;
import tech.tablesaw.api.StringColumn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Synthetic PBMC-like counts for the annotation tests: the analysis core's {@link SyntheticCounts} (three groups
 * of cells, cell i in group i % 3, each up-regulating the genes j with j % 3 == group in the first half), with those
 * genes named after real markers: group 0 = CD4 T cells, 1 = B cells, 2 = CD14 monocytes; the other genes get real
 * symbols too (one-to-one human–mouse orthologs) so that species mapping keeps them.
 */
final class SyntheticCells {

    static final String[] TYPES = {"CD4 T", "B", "CD14 mono"};
    static final List<List<String>> HUMAN_MARKERS = List.of(
            List.of("CD3D", "CD3E", "CD2", "IL7R", "CCR7", "CD4", "LTB", "CD3G", "TRAT1", "LCK"),
            List.of("MS4A1", "CD79A", "CD79B", "CD19", "BANK1", "CD22", "PAX5", "FCRLA", "BLK", "VPREB3"),
            List.of("LYZ", "CST3", "CD14", "S100A8", "S100A9", "VCAN", "FCN1", "CD68", "CSF1R", "MNDA"));

    private SyntheticCells() {
    }

    /** n cells × 120 human genes with obs["cell_type"]; seed changes the counts. */
    static Atlas human(int n, long seed) {
        int g = 120;
        Atlas a = SyntheticCounts.counts(n, g, seed);
        List<String> filler = new ArrayList<>(Orthologs.bundled().mapping("human", "mouse", Orthologs.Policy.ONE_TO_ONE)
                .keySet().stream().filter(s -> s.matches("[A-Z][A-Z0-9]+") && !isMarker(s)).sorted().limit(g).toList());
        String[] genes = new String[g];
        int[] used = new int[3];
        for (int j = 0; j < g; j++) {
            int group = j % 3;
            genes[j] = j < g / 2 && used[group] < 10 ? HUMAN_MARKERS.get(group).get(used[group]++) : filler.remove(0);
        }
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
            labels[i] = TYPES[i % 3];
        }
        a.var().replaceColumn(0, StringColumn.create(a.varIndexName(), genes));
        a.obs().addColumns(StringColumn.create("cell_type", labels));
        return a;
    }

    /** The same design with the genes renamed to their mouse one-to-one orthologs (e.g. CD3D → Cd3d). */
    static Atlas mouse(int n, long seed) {
        Atlas a = human(n, seed);
        Map<String, String> toMouse = Orthologs.bundled().mapping("human", "mouse", Orthologs.Policy.ONE_TO_ONE);
        String[] genes = a.varNames().stream().map(h -> toMouse.getOrDefault(h, h.charAt(0) + h.substring(1).toLowerCase()))
                .toArray(String[]::new);
        a.var().replaceColumn(0, StringColumn.create(a.varIndexName(), genes));
        return a;
    }

    private static boolean isMarker(String s) {
        return HUMAN_MARKERS.stream().anyMatch(l -> l.contains(s));
    }
}
