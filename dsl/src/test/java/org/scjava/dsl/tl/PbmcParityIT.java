package org.scjava.dsl.tl;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.core.DenseMatrix;
import org.scjava.dsl.core.MemoryBudget;
import org.scjava.dsl.pp.Columns;
import org.scjava.dsl.pp.Scale;
import tech.tablesaw.api.Table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Parity of the whole scanpy-style pipeline on the bundled PBMC 4k counts against the reference tools, run in
 * the test: numpy (normalize/log1p/scale, scanpy's seurat HVG formula), scikit-learn 1.2 (PCA, trustworthiness),
 * umap-learn 0.5.3, leidenalg 0.9.1 + igraph 0.10, scipy 1.10 (p-values). Script:
 * dsl/src/test/resources/parity/analysis_reference.py; tolerances are the issue's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PbmcParityIT {

    private static final Path PBMC = ReferenceTool.repoRoot().resolve("data/pbmc4k_soupx_2170cells_counts.h5ad");

    @TempDir
    static Path dir;
    private Atlas atlas;
    private Map<String, Double> ref;

    @BeforeAll
    void runPipelineAndReference() throws Exception {
        atlas = Atlas.load(PBMC)
                .normalizeTotal(1e4).log1p().highlyVariableGenes(2000).scale(10).pca(50)
                .neighbors(15).umap().leiden(1.0);
        Path result = dir.resolve("scjava.h5ad");
        atlas.write(result);
        boolean[] hv = Columns.highlyVariableMask(atlas);
        List<String> hvGenes = new ArrayList<>();
        for (int j = 0; j < hv.length; j++) {
            if (hv[j]) {
                hvGenes.add(atlas.varNames().get(j));
            }
        }
        Atlas hvAtlas = atlas.subsetVars(hvGenes);
        DenseMatrix scaled = Scale.materialize(hvAtlas, MemoryBudget.defaults());
        Path scaledFile = dir.resolve("scaled.h5ad");
        new Atlas(scaled, hvAtlas.obs().copy(), hvAtlas.var().copy()).write(scaledFile);
        String json = ReferenceTool.run(600, "/usr/bin/python3", ReferenceTool.script("analysis_reference.py").toString(),
                PBMC.toString(), result.toString(), scaledFile.toString());
        ref = new Gson().fromJson(json.trim(), new TypeToken<Map<String, Double>>() { }.getType());
        System.out.println("PBMC 4k parity: " + ref);
    }

    @Test
    void normalizeAndLog1pMatchNumpyToFloat32Precision() {
        assertThat(ref.get("log1p_max_rel")).isLessThan(1e-6);
    }

    @Test
    void seuratHvgMatchesScanpyFormula() {
        assertThat(ref.get("hvg_jaccard")).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void scaleMatchesNumpy() {
        assertThat(ref.get("scale_max_abs_diff")).isLessThan(1e-4);
    }

    @Test
    void pcaExplainedVarianceMatchesScikitLearn() {
        assertThat(ref.get("pca_variance_max_rel")).isLessThan(1e-4);
        assertThat(ref.get("pca_ratio_max_rel")).isLessThan(1e-4);
        assertThat(ref.get("pca_first10_abs_cosine_min")).isGreaterThan(0.9999);
    }

    @Test
    void umapTrustworthinessWithinTwoPointsOfUmapLearn() {
        assertThat(ref.get("trust_scjava")).isCloseTo(ref.get("trust_umap_learn"), within(0.02));
    }

    @Test
    void leidenModularityWithinOnePercentOfLeidenalg() {
        double ours = ref.get("modularity_scjava");
        double theirs = ref.get("modularity_leidenalg");
        assertThat(Math.abs(ours - theirs) / theirs).isLessThan(0.01);
        System.out.printf("Leiden ARI vs PBMC cell_type (20 '?' cells dropped): scjava %.3f, leidenalg %.3f%n",
                ref.get("ari_scjava_vs_cell_type"), ref.get("ari_leidenalg_vs_cell_type"));
    }

    @Test
    void approximateKnnRecallAgainstExactOnPbmcPca() {
        DenseMatrix pcs = (DenseMatrix) atlas.obsm("X_pca");
        Knn.Result exact = Knn.search(pcs, 15, Knn.Metric.EUCLIDEAN, Knn.Method.EXACT);
        for (Knn.Method m : List.of(Knn.Method.NNDESCENT, Knn.Method.HNSW)) {
            assertThat(KnnTest.recall(exact, Knn.search(pcs, 15, Knn.Metric.EUCLIDEAN, m))).as(m.name())
                    .isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void rankGenesGroupsPValuesMatchScipy() throws Exception {
        for (String method : List.of("t-test", "wilcoxon")) {
            atlas.rankGenesGroups("leiden", RankGenesGroups.Options.defaults()
                    .withMethod(RankGenesGroups.Method.parse(method)).withNGenes(8));
            Table t = RankGenesGroups.results(atlas, "rank_genes_groups");
            StringBuilder pairs = new StringBuilder();
            for (int r = 0; r < t.rowCount(); r++) {
                pairs.append(t.stringColumn("group").get(r)).append('\t').append(t.stringColumn("names").get(r)).append('\n');
            }
            Path pairFile = dir.resolve("pairs.tsv");
            Files.writeString(pairFile, pairs);
            Path result = dir.resolve("rank.h5ad");
            Atlas plain = new Atlas(atlas.x(), atlas.obs().copy(), atlas.var().copy());
            plain.write(result);
            String[] lines = ReferenceTool.run(300, "/usr/bin/python3", ReferenceTool.script("rank_reference.py").toString(),
                    result.toString(), "leiden", pairFile.toString()).split("\n");
            int compared = 0;
            for (int r = 0; r < t.rowCount(); r++) {
                String[] f = lines[r].split("\t");
                double expected = Double.parseDouble(method.equals("t-test") ? f[2] : f[3]);
                double ours = t.doubleColumn("pvals").get(r);
                if (expected > 1e-300) {
                    assertThat(Math.abs(ours - expected) / expected).as(method + " " + f[0] + "/" + f[1] + " p=" + expected)
                            .isLessThan(1e-6);
                    compared++;
                }
            }
            assertThat(compared).as("p-values compared for " + method).isGreaterThan(20);
        }
    }
}
