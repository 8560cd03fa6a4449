package org.scjava.dsl.tl;

import org.junit.jupiter.api.Test;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.CsrMatrix;
import org.scjava.dsl.core.DenseMatrix;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Metrics on the synthetic two-batch data of {@link HarmonyTest}: before correction batches separate, after they mix. */
class IntegrationMetricsTest {

    @Test
    void harmonizationImprovesMixingAndKeepsTypes() {
        Atlas a = HarmonyTest.atlas();
        IntegrationMetrics.Options coarse = IntegrationMetrics.Options.defaults().withResolution(0.1);
        a.integrationMetrics("batch", "type", "X_pca", coarse);
        a.harmonize("batch", Harmony.Options.defaults().withNClusters(4));
        a.integrationMetrics("batch", "type", "X_harmony", coarse);
        Table t = a.integrationMetricsTable();
        assertThat(t.rowCount()).isEqualTo(2);
        assertThat(t.stringColumn("rep").asList()).containsExactly("X_pca", "X_harmony");
        double before = t.doubleColumn("ilisi").get(0);
        double after = t.doubleColumn("ilisi").get(1);
        assertThat(before).isLessThan(1.3);
        assertThat(after).isGreaterThan(1.7);
        assertThat(t.doubleColumn("asw_batch").get(1)).isGreaterThan(t.doubleColumn("asw_batch").get(0));
        assertThat(t.doubleColumn("clisi").get(1)).isLessThan(1.1);
        assertThat(t.doubleColumn("ari").get(0)).isLessThan(0.6); // clusters split each type by batch
        assertThat(t.doubleColumn("ari").get(1)).isGreaterThan(0.9);
        assertThat(t.doubleColumn("nmi").get(1)).isGreaterThan(0.9);
        // a second run on the same rep replaces its row
        a.integrationMetrics("batch", "type", "X_pca", coarse);
        assertThat(a.integrationMetricsTable().rowCount()).isEqualTo(2);
    }

    @Test
    void withoutLabelsOnlyBatchMetrics() {
        IntegrationMetrics.Result r = IntegrationMetrics.compute((DenseMatrix) HarmonyTest.atlas().obsm("X_pca"),
                HarmonyTest.labels(2, "b1", "b2"), null, IntegrationMetrics.Options.defaults());
        assertThat(r.iLisi()).isBetween(1.0, 2.0);
        assertThat(r.cLisi()).isNaN();
        assertThat(r.ari()).isNaN();
    }

    @Test
    void errorsNameWhatIsMissing() {
        Atlas a = HarmonyTest.atlas();
        assertThatThrownBy(() -> a.integrationMetrics("donor", "type", "X_pca")).isInstanceOf(AtlasException.class)
                .hasMessageContaining("batch key 'donor'");
        assertThatThrownBy(() -> a.integrationMetrics("batch", "celltype", "X_pca")).hasMessageContaining("label key 'celltype'");
        assertThatThrownBy(() -> a.integrationMetrics("batch", "type", "X_harmony")).hasMessageContaining("harmonize(batchKey)");
        assertThatCode(() -> a.integrationMetrics("type", "type", "X_pca")).doesNotThrowAnyException();
        Atlas one = new Atlas(CsrMatrix.zeros(4, 2), Table.create("obs", StringColumn.create("c", "a", "b", "c", "d"),
                StringColumn.create("batch", "x", "x", "x", "x")), null);
        one.putObsm("X_pca", DenseMatrix.of(new double[][] {{0, 1}, {1, 0}, {1, 1}, {0, 0}}));
        assertThatThrownBy(() -> one.integrationMetrics("batch", null, "X_pca")).hasMessageContaining("single value");
        assertThatThrownBy(() -> new Atlas(CsrMatrix.zeros(1, 1), null, null).integrationMetricsTable())
                .hasMessageContaining("run integrationMetrics");
    }
}
