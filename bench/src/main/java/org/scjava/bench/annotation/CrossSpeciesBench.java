package org.scjava.bench.annotation;

import org.scjava.dsl.atlas.Atlas;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cross-species paths of bench/annotation/run.sh, each with the gene-mapping rate of the species mapping:
 * <ol>
 *   <li>mouse stomach cells → {@code toSpecies("human")} → {@code annotateZeroShot(pbmcReference, "cell_type")} (the
 *   contract call); only the dendritic cells and the macrophage have a counterpart (MNP) among the human reference's
 *   labels, the other cells are left out of accuracy ("n/a");</li>
 *   <li>the same through {@code mouse.transferFrom(pbmcReference)} (the reference mapped to mouse genes instead);</li>
 *   <li>human PBMC 4k cells → {@code toSpecies("mouse")} → {@code annotateZeroShot()} with the bundled mouse marker
 *   table: every cell scored, at the level the mouse table names (T, B, NK, MNP);</li>
 *   <li>for context (same species): the mouse stomach cells with the mouse marker table, 13 labels.</li>
 * </ol>
 * Usage: {@code CrossSpeciesBench DATA_DIR OUT_DIR}.
 */
public final class CrossSpeciesBench {

    private CrossSpeciesBench() {
    }

    public static void main(String[] args) {
        Path data = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Predictions p = new Predictions(out);
        List<String> mapping = new ArrayList<>(List.of("path\tsource_species\tgenes_total\tgenes_mapped\tmapping_rate"));
        Atlas mouse = Atlas.load(data.resolve("mouse_stomach_mca_subset_counts.h5ad"));
        Atlas pbmc = LabelMaps.labelledPbmc(Atlas.load(data.resolve("pbmc4k_soupx_2170cells_counts.h5ad")));
        mouse.copy().toSpecies("human"); // warm-up

        long t = System.nanoTime();
        Atlas human = mouse.copy().toSpecies("human");
        mapping.add(rate("mouse_stomach_to_human", human));
        human.annotateZeroShot(pbmc, LabelMaps.PBMC_LABEL);
        p.time("x_mouse_to_human_ref", t, human.nObs());
        LabelMaps.mapColumn(human, "cell_type", "truth_pbmc", LabelMaps.STOMACH_TO_PBMC, LabelMaps.NO_COUNTERPART);
        p.write("x_mouse_to_human_ref", human, "truth_pbmc", l -> l);

        Atlas viaTransfer = mouse.copy();
        t = System.nanoTime();
        viaTransfer.transferFrom(pbmc);
        p.time("x_mouse_transferFrom_human", t, viaTransfer.nObs());
        mapping.add(rateOf("pbmc_reference_to_mouse", (Map<?, ?>) viaTransfer.uns().get("transfer_from")));
        LabelMaps.mapColumn(viaTransfer, "cell_type", "truth_pbmc", LabelMaps.STOMACH_TO_PBMC, LabelMaps.NO_COUNTERPART);
        p.write("x_mouse_transferFrom_human", viaTransfer, "truth_pbmc", l -> l);

        t = System.nanoTime();
        Atlas pbmcMouse = pbmc.copy().toSpecies("mouse");
        mapping.add(rate("pbmc_to_mouse", pbmcMouse));
        pbmcMouse.annotateZeroShot();
        p.time("x_human_to_mouse_markers", t, pbmcMouse.nObs());
        LabelMaps.mapColumn(pbmcMouse, "cell_type", "truth_coarse", LabelMaps.PBMC_COARSE, null);
        p.write("x_human_to_mouse_markers", pbmcMouse, "truth_coarse",
                l -> LabelMaps.MOUSE_MARKER_TO_PBMC.getOrDefault(l, l));

        Atlas stomach = mouse.copy();
        t = System.nanoTime();
        stomach.annotateZeroShot();
        p.time("mouse_stomach_markers", t, stomach.nObs());
        LabelMaps.mapColumn(stomach, "cell_type", "truth_marker", LabelMaps.STOMACH_TO_MARKER, null);
        p.write("mouse_stomach_markers", stomach, "truth_marker", l -> l);

        Predictions.lines(out.resolve("gene_mapping.tsv"), mapping);
        p.finish("crossspecies");
    }

    private static String rate(String path, Atlas mapped) {
        return rateOf(path, (Map<?, ?>) mapped.uns().get("to_species"));
    }

    private static String rateOf(String path, Map<?, ?> info) {
        Object source = info.containsKey("source_species") ? info.get("source_species") : info.get("reference_species");
        return path + "\t" + source + "\t" + info.get("genes_total") + "\t" + info.get("genes_mapped") + "\t"
                + info.get("mapping_rate");
    }
}
