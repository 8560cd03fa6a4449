package org.scjava.bench.annotation;

import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.tasks.ReferenceMapping;
import org.scjava.models.Models;
import org.scjava.models.scgpt.ScGptModel;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * The scjava side of bench/annotation/run.sh on the labelled PBMC 4k cells (the 20 "?" cells dropped): (a) marker
 * genes only, (b) reference mapping from the Kang 2018 control cells in the HVG+PCA baseline space, (c) reference
 * mapping in a foundation-model space (scGPT layout with random weights: a plumbing check, its accuracy says nothing
 * about scGPT). Writes pred_*.tsv and timing_java.tsv for score.py; R SingleR runs beside it with the same reference.
 *
 * <p>Usage: {@code AnnotationBench DATA_DIR OUT_DIR [SCGPT_DIR]}.
 */
public final class AnnotationBench {

    private AnnotationBench() {
    }

    public static void main(String[] args) {
        Path data = Path.of(args[0]);
        Predictions p = new Predictions(Path.of(args[1]));
        Atlas pbmc = LabelMaps.labelledPbmc(Atlas.load(data.resolve("pbmc4k_soupx_2170cells_counts.h5ad")));
        Atlas kangCtrl = LabelMaps.kangControl(Atlas.load(data.resolve("kang_ifnb_pbmc_muscat_1556cells_counts.h5ad")));
        // warm-up (JIT) on copies, as the R side warms SingleR up before timing
        pbmc.copy().annotateZeroShot(kangCtrl, LabelMaps.PBMC_LABEL);
        pbmc.copy().annotateZeroShot();

        Atlas a = pbmc.copy();
        long t = System.nanoTime();
        a.annotateZeroShot();
        p.time("markers", t, a.nObs());
        p.write("markers", a, LabelMaps.PBMC_LABEL, LabelMaps::markerToPbmc);

        Atlas b = pbmc.copy();
        t = System.nanoTime();
        b.annotateZeroShot(kangCtrl, LabelMaps.PBMC_LABEL);
        p.time("baseline_hvg_pca", t, b.nObs());
        p.write("baseline_hvg_pca", b, LabelMaps.PBMC_LABEL, Function.identity());

        if (args.length > 2) {
            try (ScGptModel model = Models.scGPT(Path.of(args[2]))) {
                Atlas c = pbmc.copy();
                Atlas ref = kangCtrl.copy();
                t = System.nanoTime();
                c.annotateZeroShot(ref, LabelMaps.PBMC_LABEL, ReferenceMapping.Options.defaults().withModel(model));
                p.time("fm_random_scgpt", t, c.nObs());
                p.write("fm_random_scgpt", c, LabelMaps.PBMC_LABEL, Function.identity());
            }
        }
        p.finish("java");
    }
}
