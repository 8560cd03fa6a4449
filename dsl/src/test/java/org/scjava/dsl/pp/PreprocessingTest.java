package org.scjava.dsl.pp;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.junit.jupiter.api.Test;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.CsrMatrix;
import org.scjava.dsl.core.DenseMatrix;
import org.scjava.dsl.core.MemoryBudget;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PreprocessingTest {

    @Test
    void normalizeKeepsCountsAndSumsToTarget() {
        Atlas a = SyntheticCounts.counts(50, 40, 1);
        CsrMatrix before = (CsrMatrix) a.x();
        a.normalizeTotal(1e4);
        assertThat(a.layer("counts")).isSameAs(before);
        double[] sums = ColumnStats.rowSums(a.x());
        for (double s : sums) {
            assertThat(s).isCloseTo(1e4, within(1e-1));
        }
        a.log1p();
        float raw = before.get(3, 7);
        double expected = Math.log1p(raw * 1e4 / ColumnStats.rowSums(before)[3]);
        assertThat((double) a.x().get(3, 7)).isCloseTo(expected, within(1e-5 * Math.max(1, expected)));
        assertThat(a.history().last("normalizeTotal").params()).containsEntry("target_sum", 1e4);
    }

    @Test
    void log1pTwiceAndNormalizeAfterLogAreRefused() {
        Atlas a = SyntheticCounts.counts(10, 10, 2).normalizeTotal(1e4).log1p();
        assertThatThrownBy(a::log1p).isInstanceOf(AtlasException.class).hasMessageContaining("already log-transformed");
        assertThatThrownBy(() -> a.normalizeTotal(1e4)).hasMessageContaining("before log1p()");
    }

    @Test
    void qcMetricsCountMitochondrialGenes() {
        Atlas a = SyntheticCounts.counts(20, 30, 3).qcMetrics();
        double[] total = Columns.obsDoubles(a, "total_counts");
        double[] mt = Columns.obsDoubles(a, "total_counts_mt");
        double expected = a.x().get(0, 0) + a.x().get(0, 1) + a.x().get(0, 2);
        assertThat(mt[0]).isEqualTo(expected);
        assertThat(Columns.obsDoubles(a, "pct_counts_mt")[0]).isCloseTo(100 * expected / total[0], within(1e-9));
        assertThat(a.history().last("qcMetrics").params()).containsEntry("mito_prefix", "MT-");
    }

    @Test
    void filtersReturnSubsets() {
        Atlas a = SyntheticCounts.counts(30, 40, 4);
        Atlas f = a.filterGenes(10).filterCells(1);
        assertThat(f.nVars()).isBetween(1, 39);
        assertThat(Arrays.stream(Columns.varDoubles(f, "n_cells", "filterGenes")).min().orElse(0)).isGreaterThanOrEqualTo(10);
        assertThatThrownBy(() -> a.filterCells(Filter.Options.defaults())).hasMessageContaining("at least one bound");
    }

    @Test
    void seuratHvgMarksTheUpRegulatedBlock() {
        Atlas a = SyntheticCounts.counts(300, 120, 5).normalizeTotal(1e4).log1p().highlyVariableGenes(20);
        boolean[] hv = Columns.highlyVariableMask(a);
        int n = 0;
        int inBlock = 0;
        for (int j = 0; j < hv.length; j++) {
            n += hv[j] ? 1 : 0;
            inBlock += hv[j] && j < 60 ? 1 : 0;
        }
        assertThat(n).isEqualTo(20);
        assertThat(inBlock).isGreaterThanOrEqualTo(18);
    }

    @Test
    void seuratV3UsesTheCountsLayerAndErrorsWithoutCounts() {
        Atlas a = SyntheticCounts.counts(300, 120, 6).normalizeTotal(1e4).log1p().highlyVariableGenes(20, "seurat_v3");
        assertThat(Columns.varDoubles(a, "highly_variable_rank", "hvg")).contains(0.0);
        Atlas b = SyntheticCounts.counts(30, 20, 6).normalizeTotal(1e4).log1p();
        b.layers().remove("counts");
        assertThatThrownBy(() -> b.highlyVariableGenes(5, "seurat_v3")).hasMessageContaining("needs raw counts");
        assertThatThrownBy(() -> SyntheticCounts.counts(30, 20, 6).highlyVariableGenes(5)).hasMessageContaining("run normalizeTotal");
        assertThatThrownBy(() -> b.highlyVariableGenes(5, "cellranger")).hasMessageContaining("unknown highly-variable");
    }

    @Test
    void sparseScaleIsImplicitAndMaterializesLikeTheFormula() {
        Atlas a = SyntheticCounts.counts(80, 30, 7).normalizeTotal(1e4).log1p();
        CsrMatrix logX = (CsrMatrix) a.x();
        a.scale(2.0);
        assertThat(a.x()).isSameAs(logX);
        DenseMatrix s = Scale.materialize(a, MemoryBudget.defaults());
        ColumnStats st = ColumnStats.of(logX);
        for (int j : new int[] {0, 5, 29}) {
            double sd = Math.sqrt(st.variance()[j]);
            for (int i = 0; i < 80; i += 13) {
                double z = Math.max(-2, Math.min(2, (logX.get(i, j) - st.mean()[j]) / sd));
                assertThat((double) s.get(i, j)).isCloseTo(z, within(1e-5));
            }
        }
        assertThatThrownBy(() -> Scale.materialize(a, new MemoryBudget(100))).hasMessageContaining("Refusing to densify");
        assertThatThrownBy(a::scale).hasMessageContaining("already scaled");
    }

    @Test
    void pcaMatchesDenseSvdOfTheScaledMatrix() {
        Atlas a = SyntheticCounts.counts(200, 60, 8).normalizeTotal(1e4).log1p().scale(3.0).pca(10);
        DenseMatrix s = Scale.materialize(a, MemoryBudget.defaults());
        double[] ref = denseExplainedVariance(s);
        double[] ours = (double[]) ((Map<?, ?>) a.uns().get("pca")).get("variance");
        for (int c = 0; c < 10; c++) {
            assertThat(ours[c]).isCloseTo(ref[c], within(1e-6 * ref[0]));
        }
        Atlas r = SyntheticCounts.counts(200, 60, 8).normalizeTotal(1e4).log1p().scale(3.0)
                .pca(Pca.Options.defaults().withNComps(10).withSolver(Pca.Solver.RANDOMIZED));
        double[] rnd = (double[]) ((Map<?, ?>) r.uns().get("pca")).get("variance");
        assertThat(rnd[0]).isCloseTo(ref[0], within(1e-3 * ref[0]));
        assertThat(a.obsm("X_pca").nCols()).isEqualTo(10);
        assertThat(a.varm().get("PCs").nRows()).isEqualTo(60);
    }

    @Test
    void pcaUsesOnlyHighlyVariableGenesAndChecksNComps() {
        Atlas a = SyntheticCounts.counts(100, 80, 9).normalizeTotal(1e4).log1p().highlyVariableGenes(15).pca(5);
        assertThat(a.history().last("pca").params()).containsEntry("n_genes_used", 15);
        assertThatThrownBy(() -> Pca.compute(a.x(), new int[] {0, 1, 2}, null, Pca.Options.defaults().withNComps(3)))
                .hasMessageContaining("nComps must be in 1..2");
        assertThatThrownBy(() -> Pca.Solver.parse("svd")).hasMessageContaining("unknown PCA solver");
    }

    private static double[] denseExplainedVariance(DenseMatrix s) {
        int n = s.nRows();
        int g = s.nCols();
        DMatrixRMaj m = new DMatrixRMaj(n, g);
        for (int j = 0; j < g; j++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += s.get(i, j) / (double) n;
            }
            for (int i = 0; i < n; i++) {
                m.set(i, j, s.get(i, j) - mean);
            }
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(n, g, false, false, true);
        assertThat(svd.decompose(m)).isTrue();
        double[] sv = svd.getSingularValues().clone();
        Arrays.sort(sv);
        double[] out = new double[sv.length];
        for (int c = 0; c < sv.length; c++) {
            out[c] = sv[sv.length - 1 - c] * sv[sv.length - 1 - c] / (n - 1);
        }
        return out;
    }
}
