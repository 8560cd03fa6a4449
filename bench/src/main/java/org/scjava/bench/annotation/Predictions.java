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
import java.util.function.Function;

/** The files the bench mains write for bench/annotation/score.py: predictions per cell and one timing line per method. */
final class Predictions {

    private final Path out;
    private final List<String> timing = new ArrayList<>();

    Predictions(Path out) {
        this.out = out;
    }

    /** Records the time since {@code startNanos} for {@code method} over {@code cells} query cells. */
    void time(String method, long startNanos, int cells) {
        timing.add(String.format(Locale.ROOT, "%s\t%.3f\t%d", method, (System.nanoTime() - startNanos) / 1e9, cells));
    }

    /**
     * Writes pred_{@code method}.tsv: cell, truth (obs[truthKey]), predicted (obs["predicted_cell_type"]), mapped
     * (the prediction in the truth's vocabulary) and confidence.
     */
    void write(String method, Atlas a, String truthKey, Function<String, String> toTruth) {
        String[] truth = a.obsStrings(truthKey);
        String[] pred = a.obsStrings(ZeroShotAnnotation.LABEL_KEY);
        var conf = a.obs().doubleColumn(ZeroShotAnnotation.CONFIDENCE_KEY);
        List<String> lines = new ArrayList<>();
        lines.add("cell\ttruth\tpredicted\tmapped\tconfidence");
        List<String> names = a.obsNames();
        for (int i = 0; i < truth.length; i++) {
            lines.add(names.get(i) + "\t" + truth[i] + "\t" + pred[i] + "\t" + toTruth.apply(pred[i]) + "\t" + conf.get(i));
        }
        lines(out.resolve("pred_" + method + ".tsv"), lines);
    }

    /** Writes the timing lines to timing_{@code name}.tsv. */
    void finish(String name) {
        lines(out.resolve("timing_" + name + ".tsv"), timing);
    }

    static void lines(Path file, List<String> lines) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
