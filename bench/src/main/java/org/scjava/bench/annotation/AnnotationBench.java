package org.scjava.bench.annotation;

import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.tasks.ZeroShotAnnotation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The scjava side of bench/annotation/run.sh: annotates the labelled PBMC 4k cells (the 20 "?" cells dropped) by
 * (a) marker genes only, (b) reference mapping from the Kang 2018 control cells in the HVG+PCA baseline space and
 * (c) reference mapping in a foundation-model space; runs the cross-species paths. Writes one predictions file per
 * method (cell, truth, prediction, confidence) and a timing line per method; the script scores them together with
 * R SingleR's predictions.
 *
 * <p>Label vocabularies: predictions are mapped onto the PBMC 4k labels by {@link LabelMaps} (documented there and
 * in bench/annotation/README.md).
 */
public final class AnnotationBench {

    private AnnotationBench() {
    }

    public static void main(String[] args) {
        Path data = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Atlas pbmc = LabelMaps.labelledPbmc(Atlas.load(data.resolve("pbmc4k_soupx_2170cells_counts.h5ad")));
        Atlas kangCtrl = LabelMaps.kangControl(Atlas.load(data.resolve("kang_ifnb_pbmc_muscat_1556cells_counts.h5ad")));
        List<String> timing = new ArrayList<>();
        // warm-up on a copy (JIT), as the R side's first call also loads its packages outside the timer
        pbmc.copy().annotateZeroShot(kangCtrl, LabelMaps.PBMC_LABEL);

        Atlas a = pbmc.copy();
        long t = System.nanoTime();
        a.annotateZeroShot();
        timing.add(time("markers", t, a.nObs()));
        write(out.resolve("pred_markers.tsv"), a, LabelMaps::markerToPbmc);

        Atlas b = pbmc.copy();
        t = System.nanoTime();
        b.annotateZeroShot(kangCtrl, LabelMaps.PBMC_LABEL);
        timing.add(time("baseline_hvg_pca", t, b.nObs()));
        write(out.resolve("pred_baseline.tsv"), b, Function.identity());

        write(out.resolve("timing_java.tsv"), timing);
        System.out.println(ZeroShotAnnotation.summary(a).print());
        System.out.println(ZeroShotAnnotation.summary(b).print());
        System.out.println(a.uns().get("annotate_zero_shot"));
    }

    static String time(String method, long startNanos, int cells) {
        double s = (System.nanoTime() - startNanos) / 1e9;
        return String.format(Locale.ROOT, "%s\t%.3f\t%d", method, s, cells);
    }

    static void write(Path file, Atlas a, Function<String, String> toPbmc) {
        String[] truth = a.obsStrings(LabelMaps.PBMC_LABEL);
        String[] pred = a.obsStrings(ZeroShotAnnotation.LABEL_KEY);
        var conf = a.obs().doubleColumn(ZeroShotAnnotation.CONFIDENCE_KEY);
        List<String> lines = new ArrayList<>();
        lines.add("cell\ttruth\tpredicted\tmapped\tconfidence");
        List<String> names = a.obsNames();
        for (int i = 0; i < truth.length; i++) {
            lines.add(names.get(i) + "\t" + truth[i] + "\t" + pred[i] + "\t" + toPbmc.apply(pred[i]) + "\t" + conf.get(i));
        }
        write(file, lines);
    }

    static void write(Path file, List<String> lines) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
