package org.scjava.dsl.tasks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.tl.Harmony;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What annotateZeroShot, harmonize and integrationMetrics put into an Atlas survives an h5ad write and read. */
class TaskResultsRoundTripTest {

    @TempDir
    Path dir;

    @Test
    void resultsSurviveH5ad() {
        Atlas a = SyntheticCells.human(150, 11);
        String[] batch = new String[a.nObs()];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = i < 75 ? "b1" : "b2";
        }
        a.obs().addColumns(tech.tablesaw.api.StringColumn.create("batch", batch));
        a.annotateZeroShot();
        Atlas pca = a.copy().normalizeTotal(1e4).log1p().highlyVariableGenes(60).scale(10).pca(10);
        a.putObsm("X_pca", pca.obsm("X_pca"));
        a.harmonize("batch", Harmony.Options.defaults().withNClusters(3)).integrationMetrics("batch", "cell_type", "X_harmony");
        Path f = dir.resolve("annotated.h5ad");
        a.write(f);
        Atlas b = Atlas.load(f);
        assertThat(b.obsStrings(ZeroShotAnnotation.LABEL_KEY)).containsExactly(a.obsStrings(ZeroShotAnnotation.LABEL_KEY));
        assertThat(b.obs().doubleColumn(ZeroShotAnnotation.CONFIDENCE_KEY).asDoubleArray())
                .containsExactly(a.obs().doubleColumn(ZeroShotAnnotation.CONFIDENCE_KEY).asDoubleArray());
        assertThat(b.obsm()).containsKeys("X_harmony", "marker_scores");
        assertThat(b.uns()).containsKeys(ZeroShotAnnotation.UNS_KEY, "harmony", "integration_metrics");
        assertThat(((Map<?, ?>) b.uns().get(ZeroShotAnnotation.UNS_KEY)).get("summary")).isNotNull();
        assertThat(b.history().last("harmonize")).isNotNull();
    }
}
