package org.scjava.dsl.tasks;

import org.junit.jupiter.api.Test;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.DenseMatrix;
import org.scjava.dsl.tasks.markers.MarkerAnnotation;
import org.scjava.dsl.tasks.markers.MarkerTable;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ZeroShotAnnotationTest {

    static final Map<String, String> EXPECTED_FINE = Map.of("CD4 T", "CD4 T cell", "B", "B cell", "CD14 mono", "CD14 monocyte");

    static Atlas withClusters(Atlas a) {
        String[] c = new String[a.nObs()];
        for (int i = 0; i < c.length; i++) {
            c[i] = Integer.toString(i % 3);
        }
        a.obs().addColumns(StringColumn.create("cluster", c));
        return a;
    }

    static double accuracy(Atlas a, Map<String, String> expected) {
        String[] truth = a.obsStrings("cell_type");
        String[] pred = a.obsStrings(ZeroShotAnnotation.LABEL_KEY);
        int ok = 0;
        for (int i = 0; i < truth.length; i++) {
            ok += expected.getOrDefault(truth[i], truth[i]).equals(pred[i]) ? 1 : 0;
        }
        return ok / (double) truth.length;
    }

    @Test
    void markersGiveTheFinestLabelPerCluster() {
        Atlas a = withClusters(SyntheticCells.human(150, 1))
                .annotateZeroShot(MarkerAnnotation.Options.defaults().withClusterKey("cluster"));
        assertThat(accuracy(a, EXPECTED_FINE)).isEqualTo(1.0);
        assertThat(a.obs().doubleColumn(ZeroShotAnnotation.CONFIDENCE_KEY).min()).isGreaterThan(0.5);
        Table summary = a.annotationSummary();
        assertThat(summary.stringColumn("label").asList()).containsExactlyInAnyOrder("CD4 T cell", "B cell", "CD14 monocyte");
        assertThat(a.obsm("marker_scores").nRows()).isEqualTo(150);
        assertThat(a.obsCategories()).containsKey(ZeroShotAnnotation.LABEL_KEY);
        assertThat(a.history().last("annotateZeroShot").params()).containsEntry("method", "markers");
    }

    @Test
    void granularityFollowsTheHierarchy() {
        Atlas two = withClusters(SyntheticCells.human(150, 1))
                .annotateZeroShot(MarkerAnnotation.Options.defaults().withClusterKey("cluster").withMaxDepth(2));
        assertThat(accuracy(two, Map.of("CD4 T", "T cell", "B", "B cell", "CD14 mono", "monocyte"))).isEqualTo(1.0);
        Atlas one = withClusters(SyntheticCells.human(150, 1))
                .annotateZeroShot(MarkerAnnotation.Options.defaults().withClusterKey("cluster").withMaxDepth(1));
        assertThat(accuracy(one, Map.of("CD4 T", "lymphocyte", "B", "lymphocyte", "CD14 mono", "myeloid cell"))).isEqualTo(1.0);
    }

    @Test
    void clustersWithLeidenWhenThereAreNone() {
        Atlas a = SyntheticCells.human(150, 2).annotateZeroShot();
        assertThat(a.obs().containsColumn("leiden")).isTrue();
        assertThat(accuracy(a, EXPECTED_FINE)).isGreaterThan(0.95);
    }

    @Test
    void userMarkerTable() {
        MarkerTable t = MarkerTable.of(Map.of("t", SyntheticCells.HUMAN_MARKERS.get(0).subList(0, 8),
                "b", SyntheticCells.HUMAN_MARKERS.get(1).subList(0, 8), "m", SyntheticCells.HUMAN_MARKERS.get(2).subList(0, 8)));
        Atlas a = withClusters(SyntheticCells.human(90, 3));
        a.annotateZeroShot(MarkerAnnotation.Options.defaults().withMarkers(t).withClusterKey("cluster"));
        assertThat(accuracy(a, Map.of("CD4 T", "t", "B", "b", "CD14 mono", "m"))).isEqualTo(1.0);
    }

    @Test
    void markerErrors() {
        Atlas a = withClusters(SyntheticCells.human(30, 1));
        MarkerTable none = MarkerTable.of(Map.of("x", List.of("NOPE1", "NOPE2")));
        assertThatThrownBy(() -> a.annotateZeroShot(none)).isInstanceOf(AtlasException.class)
                .hasMessageContaining("none of the 2 marker genes");
        assertThatThrownBy(() -> a.annotateZeroShot(MarkerAnnotation.Options.defaults().withMaxDepth(0)))
                .hasMessageContaining("maxDepth");
    }

    @Test
    void referenceMappingInTheBaselineSpace() {
        Atlas ref = SyntheticCells.human(150, 4);
        Atlas query = SyntheticCells.human(90, 5);
        query.annotateZeroShot(ref, "cell_type", ReferenceMapping.Options.defaults().withMinSharedGenes(50));
        assertThat(accuracy(query, Map.of())).isGreaterThan(0.95);
        assertThat(query.history().last("annotateZeroShot").params()).containsEntry("method", "reference_mapping")
                .containsEntry("shared_genes", 120);
    }

    @Test
    void lowConfidenceCellsAreUnknown() {
        Atlas ref = SyntheticCells.human(150, 4);
        Atlas query = SyntheticCells.human(90, 5);
        query.annotateZeroShot(ref, "cell_type", ReferenceMapping.Options.defaults().withMinSharedGenes(50)
                .withK(15).withUnknownThreshold(1.0));
        assertThat(query.obsStrings(ZeroShotAnnotation.LABEL_KEY)).contains(KnnLabelVote.UNKNOWN);
    }

    @Test
    void referenceMappingInAGivenEmbedding() {
        Atlas ref = SyntheticCells.human(30, 4);
        Atlas query = SyntheticCells.human(9, 5);
        ref.putObsm("X_fm", onehot(30));
        query.putObsm("X_fm", onehot(9));
        query.annotateZeroShot(ref, "cell_type", ReferenceMapping.Options.defaults().withEmbedding("X_fm").withK(3));
        assertThat(accuracy(query, Map.of())).isEqualTo(1.0);
    }

    @Test
    void referenceMappingErrors() {
        Atlas ref = SyntheticCells.human(30, 4);
        Atlas query = SyntheticCells.human(9, 5);
        assertThatThrownBy(() -> query.annotateZeroShot(ref, "celltype")).isInstanceOf(AtlasException.class)
                .hasMessageContaining("no obs column 'celltype'").hasMessageContaining("cell_type");
        assertThatThrownBy(() -> query.annotateZeroShot(ref, "cell_type")).hasMessageContaining("share only 120 genes")
                .hasMessageContaining("toSpecies");
        assertThatThrownBy(() -> query.annotateZeroShot(ref, "cell_type",
                ReferenceMapping.Options.defaults().withEmbedding("X_scgpt"))).hasMessageContaining("obsm[\"X_scgpt\"]");
        Atlas logged = SyntheticCells.human(30, 4).normalizeTotal(1e4).log1p();
        logged.layers().clear();
        assertThatThrownBy(() -> query.annotateZeroShot(logged, "cell_type",
                ReferenceMapping.Options.defaults().withMinSharedGenes(10))).hasMessageContaining("raw counts");
    }

    @Test
    void mouseCellsAnnotatedFromAHumanReference() {
        Atlas human = SyntheticCells.human(150, 6);
        Atlas mouse = SyntheticCells.mouse(90, 7);
        Atlas mapped = mouse.toSpecies("human").annotateZeroShot(human, "cell_type",
                ReferenceMapping.Options.defaults().withMinSharedGenes(50));
        assertThat(accuracy(mapped, Map.of())).isGreaterThan(0.95);
        assertThat(mapped.uns()).containsEntry("species", "human");
        assertThat((int) mapped.history().last("toSpecies").params().get("genes_mapped")).isGreaterThan(110);
    }

    @Test
    void transferFromAMouseReference() {
        Atlas humanQuery = SyntheticCells.human(90, 8);
        Atlas mouseRef = SyntheticCells.mouse(150, 9);
        humanQuery.transferFrom(mouseRef, TransferFrom.Options.defaults()
                .withMapping(ReferenceMapping.Options.defaults().withMinSharedGenes(50)));
        assertThat(accuracy(humanQuery, Map.of())).isGreaterThan(0.95);
        @SuppressWarnings("unchecked")
        Map<String, Object> info = (Map<String, Object>) humanQuery.uns().get("transfer_from");
        assertThat(info).containsEntry("reference_species", "mouse").containsEntry("query_species", "human");
        assertThat((int) info.get("genes_mapped")).isGreaterThan(110);
    }

    @Test
    void transferFromErrors() {
        Atlas humanQuery = SyntheticCells.human(30, 8);
        Atlas mouseRef = SyntheticCells.mouse(30, 9);
        assertThatThrownBy(() -> humanQuery.transferFrom(mouseRef, "celltype")).isInstanceOf(AtlasException.class)
                .hasMessageContaining("no obs column 'celltype'");
        Atlas ensembl = SyntheticCells.mouse(30, 9);
        ensembl.var().replaceColumn(0, StringColumn.create(ensembl.varIndexName(),
                ensembl.varNames().stream().map(g -> "ENSMUSG" + Math.abs(g.hashCode())).toArray(String[]::new)));
        assertThatThrownBy(() -> humanQuery.transferFrom(ensembl)).hasMessageContaining("gene symbol");
    }

    /** Three orthogonal directions, cell i on direction i % 3 (a perfect embedding). */
    private static DenseMatrix onehot(int n) {
        double[][] rows = new double[n][3];
        for (int i = 0; i < n; i++) {
            rows[i][i % 3] = 1 + 0.01 * i;
        }
        return DenseMatrix.of(rows);
    }
}
