package org.scjava.bench.annotation;

import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.pp.Columns;
import tech.tablesaw.api.StringColumn;

import java.util.Map;

/**
 * The label vocabularies of the benchmark datasets mapped onto PBMC 4k's (SoupX annotation: T_CD4, T_CD8, NK, B,
 * MNP = mononuclear phagocytes, i.e. monocytes and dendritic cells). Anything not listed maps to itself, so it can
 * never equal a PBMC label and counts as an error.
 */
final class LabelMaps {

    static final String PBMC_LABEL = "cell_type";

    /** Kang 2018 (muscat) cell types → PBMC 4k. The Kang subset has no NK cells. */
    static final Map<String, String> KANG_TO_PBMC = Map.of(
            "CD4 T cells", "T_CD4", "CD8 T cells", "T_CD8", "B cells", "B",
            "CD14+ Monocytes", "MNP", "FCGR3A+ Monocytes", "MNP");

    /** Bundled human marker-table labels → PBMC 4k; coarse labels ("T cell", "lymphocyte") have no PBMC 4k equal. */
    static final Map<String, String> MARKER_TO_PBMC = Map.ofEntries(
            Map.entry("CD4 T cell", "T_CD4"), Map.entry("CD8 T cell", "T_CD8"), Map.entry("NK cell", "NK"),
            Map.entry("B cell", "B"), Map.entry("plasma cell", "B"), Map.entry("monocyte", "MNP"),
            Map.entry("CD14 monocyte", "MNP"), Map.entry("FCGR3A monocyte", "MNP"), Map.entry("dendritic cell", "MNP"),
            Map.entry("plasmacytoid dendritic cell", "MNP"), Map.entry("myeloid cell", "MNP"));

    /** PBMC 4k labels at the level the mouse marker table can name (it has no CD4/CD8 split). */
    static final Map<String, String> PBMC_COARSE = Map.of("T_CD4", "T", "T_CD8", "T", "B", "B", "NK", "NK", "MNP", "MNP");

    /** Bundled mouse marker-table labels → the coarse PBMC labels. */
    static final Map<String, String> MOUSE_MARKER_TO_PBMC = Map.of("T cell", "T", "B cell", "B", "NK cell", "NK",
            "macrophage", "MNP", "dendritic cell", "MNP", "myeloid cell", "MNP");

    /** Mouse stomach (MCA) labels → the bundled mouse marker table's names. */
    static final Map<String, String> STOMACH_TO_MARKER = Map.ofEntries(
            Map.entry("Chief cell", "chief cell"), Map.entry("Endocrine cell", "endocrine cell"),
            Map.entry("Endothelial cell", "endothelial cell"), Map.entry("Epithelial cell", "epithelial cell"),
            Map.entry("Parietal cell", "parietal cell"), Map.entry("Pit cell", "pit cell"),
            Map.entry("Proliferating epithelial cell", "proliferating cell"),
            Map.entry("Smooth muscle cell", "smooth muscle cell"), Map.entry("Squamous epithelium", "squamous epithelial cell"),
            Map.entry("Fibroblast", "fibroblast"), Map.entry("Tuft cell", "tuft cell"),
            Map.entry("Dendritic cell", "dendritic cell"), Map.entry("Macrophage", "macrophage"));

    /** Mouse stomach labels with a counterpart among the PBMC 4k labels (mononuclear phagocytes); others: "n/a". */
    static final Map<String, String> STOMACH_TO_PBMC = Map.of("Dendritic cell", "MNP", "Macrophage", "MNP");

    /** Label of cells whose type has no counterpart in the other vocabulary: left out of accuracy and F1. */
    static final String NO_COUNTERPART = "n/a";

    private LabelMaps() {
    }

    /** A copy of obs[from] mapped through {@code map} into obs[to] (unlisted labels: {@code otherwise}, or themselves). */
    static Atlas mapColumn(Atlas a, String from, String to, Map<String, String> map, String otherwise) {
        String[] v = a.obsStrings(from);
        String[] out = new String[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = map.getOrDefault(v[i], otherwise == null ? v[i] : otherwise);
        }
        Columns.put(a.obs(), StringColumn.create(to, out));
        return a;
    }

    static String markerToPbmc(String label) {
        return MARKER_TO_PBMC.getOrDefault(label, label);
    }

    /** PBMC 4k without the 20 cells labelled "?". */
    static Atlas labelledPbmc(Atlas pbmc) {
        String[] l = pbmc.obsStrings(PBMC_LABEL);
        boolean[] keep = new boolean[l.length];
        for (int i = 0; i < l.length; i++) {
            keep[i] = !"?".equals(l[i]);
        }
        return pbmc.subset(keep);
    }

    /**
     * The Kang control cells with their labels mapped to the PBMC 4k vocabulary in obs["cell_type"] and plain gene
     * symbols: muscat made 91 of the 1,267 names unique by appending the Ensembl ID ("CD79A_ENSG00000105369"); the
     * suffix is stripped (the stripped names are still unique), else key markers (CD79A, HLA-DQA1, LTB, PTPRC) would
     * not match the query's symbols.
     */
    static Atlas kangControl(Atlas kang) {
        String[] stim = kang.obsStrings("stim");
        boolean[] ctrl = new boolean[stim.length];
        for (int i = 0; i < stim.length; i++) {
            ctrl[i] = "ctrl".equals(stim[i]);
        }
        Atlas a = kang.subset(ctrl);
        String[] genes = a.varNames().stream().map(g -> g.replaceFirst("_ENSG\\d+$", "")).toArray(String[]::new);
        a.var().replaceColumn(0, StringColumn.create(a.varIndexName(), genes));
        String[] orig = a.obsStrings(PBMC_LABEL);
        String[] mapped = new String[orig.length];
        for (int i = 0; i < orig.length; i++) {
            mapped[i] = KANG_TO_PBMC.get(orig[i]);
        }
        Columns.put(a.obs(), StringColumn.create("kang_cell_type", orig));
        Columns.put(a.obs(), StringColumn.create(PBMC_LABEL, mapped));
        a.obsCategories().remove(PBMC_LABEL);
        return a;
    }
}
