package org.scjava.bench.annotation;

import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.core.DenseMatrix;
import org.scjava.dsl.tl.IntegrationMetrics;
import tech.tablesaw.api.Table;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Harmonization half of bench/annotation/run.sh on the Kang 2018 data, batch = stim (ctrl vs IFN-β): the muscat set
 * (1,556 cells, with cell types) and the harmony package's set (2,000 cells, no cell types). Per set: normalise 1e4,
 * log1p, HVGs, scale (clip 10), PCA 20; integration metrics on X_pca; {@code harmonize("stim")} (timed); metrics on
 * X_harmony. Writes harmony_metrics_java.tsv and, for the Python side (harmonypy on the same PCA, metrics recomputed
 * with scikit-learn/harmonypy), &lt;set&gt;_pca.tsv, &lt;set&gt;_harmony.tsv and &lt;set&gt;_meta.tsv.
 *
 * <p>Usage: {@code HarmonyBench DATA_DIR OUT_DIR}.
 */
public final class HarmonyBench {

    private HarmonyBench() {
    }

    public static void main(String[] args) {
        Path data = Path.of(args[0]);
        Path out = Path.of(args[1]);
        List<String> rows = new ArrayList<>(List.of(
                "dataset\trep\tasw_batch\tasw_label\tilisi\tclisi\tari\tnmi\tharmonize_seconds"));
        run(data.resolve("kang_ifnb_pbmc_muscat_1556cells_counts.h5ad"), "kang_muscat", "cell_type", 1000, out, rows, true);
        run(data.resolve("kang_ifnb_pbmc_muscat_1556cells_counts.h5ad"), "kang_muscat", "cell_type", 1000, out, rows, false);
        run(data.resolve("kang_ifnb_pbmc_harmony_2000cells_counts.h5ad"), "kang_harmony", null, 2000, out, rows, false);
        Predictions.lines(out.resolve("harmony_metrics_java.tsv"), rows);
    }

    /** One set; {@code warmUp} runs the same steps without writing (JIT), as harmonypy's import is outside its timer. */
    private static void run(Path file, String name, String labelKey, int nHvg, Path out, List<String> rows, boolean warmUp) {
        Atlas a = Atlas.load(file).normalizeTotal(1e4).log1p().highlyVariableGenes(nHvg).scale(10).pca(20);
        a.integrationMetrics("stim", labelKey, "X_pca");
        long t = System.nanoTime();
        a.harmonize("stim");
        double seconds = (System.nanoTime() - t) / 1e9;
        a.integrationMetrics("stim", labelKey, "X_harmony");
        if (warmUp) {
            return;
        }
        Table m = (Table) a.uns().get(IntegrationMetrics.UNS_KEY);
        for (int r = 0; r < m.rowCount(); r++) {
            StringBuilder row = new StringBuilder(name + "\t" + m.stringColumn("rep").get(r));
            for (String c : List.of("asw_batch", "asw_label", "ilisi", "clisi", "ari", "nmi")) {
                double v = m.doubleColumn(c).getDouble(r); // NaN (no label key) is stored as missing
                row.append('\t').append(Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v));
            }
            rows.add(row.append('\t').append(r == 1 ? String.format(Locale.ROOT, "%.3f", seconds) : "").toString());
        }
        writeMatrix(out.resolve(name + "_pca.tsv"), (DenseMatrix) a.obsm("X_pca"));
        writeMatrix(out.resolve(name + "_harmony.tsv"), (DenseMatrix) a.obsm("X_harmony"));
        List<String> meta = new ArrayList<>(List.of("stim\tlabel"));
        String[] stim = a.obsStrings("stim");
        String[] label = labelKey == null ? null : a.obsStrings(labelKey);
        for (int i = 0; i < stim.length; i++) {
            meta.add(stim[i] + "\t" + (label == null ? "" : label[i]));
        }
        Predictions.lines(out.resolve(name + "_meta.tsv"), meta);
    }

    private static void writeMatrix(Path file, DenseMatrix m) {
        List<String> lines = new ArrayList<>(m.nRows());
        for (int i = 0; i < m.nRows(); i++) {
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < m.nCols(); j++) {
                sb.append(j == 0 ? "" : "\t").append(m.get(i, j));
            }
            lines.add(sb.toString());
        }
        Predictions.lines(file, lines);
    }
}
