package org.scjava.dsl.atlas;

import org.junit.jupiter.api.Test;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.Categories;
import org.scjava.dsl.core.CsrMatrix;
import org.scjava.dsl.core.DenseMatrix;
import org.scjava.dsl.core.History;
import org.scjava.dsl.core.MemoryBudget;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AtlasTest {

    static Atlas small() {
        // 4 cells x 3 genes
        CsrMatrix x = new CsrMatrix(4, 3, new long[] {0, 1, 3, 3, 5}, new int[] {0, 0, 2, 1, 2},
                new float[] {1, 2, 3, 4, 5}, "int32");
        Table obs = Table.create("obs", StringColumn.create("cell", "a", "b", "c", "d"),
                StringColumn.create("type", "T", "B", "T", "NK"), IntColumn.create("n", 1, 2, 3, 4));
        Table var = Table.create("var", StringColumn.create("gene", "G1", "G2", "G3"), DoubleColumn.create("m", 0.1, 0.2, 0.3));
        Atlas a = new Atlas(x, obs, var);
        a.putObsm("X_pca", new DenseMatrix(4, 2, new float[] {1, 2, 3, 4, 5, 6, 7, 8}));
        a.putVarm("PCs", new DenseMatrix(3, 1, new float[] {9, 8, 7}));
        a.putLayer("counts", x);
        a.putObsp("connectivities", new CsrMatrix(4, 4, new long[] {0, 1, 2, 3, 4}, new int[] {1, 0, 3, 2}, new float[] {1, 1, 1, 1}));
        a.obsCategories().put("type", new Categories(List.of("T", "B", "NK"), false));
        a.uns().put("note", "x");
        return a;
    }

    @Test
    void slotsAndNames() {
        Atlas a = small();
        assertThat(a.nObs()).isEqualTo(4);
        assertThat(a.nVars()).isEqualTo(3);
        assertThat(a.obsNames()).containsExactly("a", "b", "c", "d");
        assertThat(a.varIndex()).containsEntry("G3", 2);
        assertThat(a.obsIndexName()).isEqualTo("cell");
        assertThat(a.x().get(1, 2)).isEqualTo(3f);
        assertThat(a.obsStrings("type")).containsExactly("T", "B", "T", "NK");
    }

    @Test
    void subsetSlicesEverySlot() {
        Atlas a = small();
        Atlas s = a.subset(List.of("d", "b"), List.of("G3", "G1"));
        assertThat(s.obsNames()).containsExactly("d", "b");
        assertThat(s.varNames()).containsExactly("G3", "G1");
        assertThat(s.x().get(0, 0)).isEqualTo(5f);
        assertThat(s.x().get(1, 0)).isEqualTo(3f);
        assertThat(s.x().get(1, 1)).isEqualTo(2f);
        assertThat(s.obsm("X_pca").get(0, 1)).isEqualTo(8f);
        assertThat(s.varm().get("PCs").get(0, 0)).isEqualTo(7f);
        assertThat(s.obsp("connectivities").get(0, 0)).isEqualTo(0f);
        assertThat(s.layer("counts").get(0, 0)).isEqualTo(5f);
        assertThat(s.obsCategories()).containsKey("type");
        assertThat(s.history().last("subset").params()).containsEntry("n_obs", 2);
        // the original is untouched
        assertThat(a.nObs()).isEqualTo(4);
        assertThat(a.history().isEmpty()).isTrue();
    }

    @Test
    void subsetByMaskAndErrors() {
        Atlas a = small();
        assertThat(a.subset(new boolean[] {true, false, false, true}).obsNames()).containsExactly("a", "d");
        assertThatThrownBy(() -> a.subset(new boolean[] {true})).hasMessageContaining("1 entries").hasMessageContaining("4 cells");
        assertThatThrownBy(() -> a.subset(null, List.of("NOPE"))).isInstanceOf(AtlasException.class)
                .hasMessageContaining("NOPE").hasMessageContaining("var");
        boolean[] genes = new boolean[a.nVars()];
        genes[0] = true;
        genes[a.nVars() - 1] = true;
        assertThat(a.subsetVars(genes).varNames()).containsExactly(a.varNames().get(0), a.varNames().get(a.nVars() - 1));
        assertThatThrownBy(() -> a.subsetVars(new boolean[] {true})).isInstanceOf(AtlasException.class)
                .hasMessageContaining("var mask has 1 entries").hasMessageContaining(a.nVars() + " genes");
    }

    @Test
    void copyIsIndependent() {
        Atlas a = small();
        Atlas c = a.copy();
        c.uns().put("note", "changed");
        c.obs().intColumn("n").set(0, 99);
        c.putObsm("X_umap", new DenseMatrix(4, 2, new float[8]));
        assertThat(a.uns().get("note")).isEqualTo("x");
        assertThat(a.obs().column("n").get(0)).isEqualTo(1);
        assertThat(a.obsm()).doesNotContainKey("X_umap");
    }

    @Test
    void clearErrorsForWrongShapesAndMissingKeys() {
        Atlas a = small();
        assertThatThrownBy(() -> a.putObsm("X_bad", new DenseMatrix(3, 2, new float[6])))
                .hasMessageContaining("obsm[\"X_bad\"] must have 4 rows");
        assertThatThrownBy(() -> a.obsm("X_umap")).hasMessageContaining("run umap() first").hasMessageContaining("X_pca");
        assertThatThrownBy(() -> a.layer("spliced")).hasMessageContaining("counts");
        assertThatThrownBy(() -> a.obsColumn("nope")).hasMessageContaining("available");
        assertThatThrownBy(() -> a.setX(new DenseMatrix(1, 1, new float[1]))).hasMessageContaining("4 x 3");
        assertThatThrownBy(() -> new Atlas(a.x(), Table.create("obs", IntColumn.create("i", 1, 2, 3, 4)), null))
                .hasMessageContaining("string index column");
    }

    @Test
    void reprLikeAnndata() {
        Atlas a = small();
        a.record("normalize_total", Map.of("target_sum", 1e4), System.nanoTime(), "X");
        assertThat(a.toString()).startsWith("Atlas object with n_obs × n_vars = 4 × 3")
                .contains("obs: 'type', 'n'").contains("obsm: 'X_pca'").contains("layers: 'counts'")
                .contains("history: 1 entries, last normalize_total");
    }

    @Test
    void historyRoundTripsThroughJson() {
        History h = new History();
        h.add("embed", Map.of("checkpoint_sha256", "abc", "genes_matched", 1200, "rate", 0.85), System.nanoTime());
        History back = History.fromJson(h.toJson());
        assertThat(back.entries()).hasSize(1);
        assertThat(back.entries().get(0).verb()).isEqualTo("embed");
        assertThat(back.entries().get(0).params()).containsEntry("checkpoint_sha256", "abc");
        assertThatThrownBy(() -> History.fromJson(new String[] {"{not json"})).hasMessageContaining("history entry 0");
    }

    @Test
    void densifyRespectsTheBudget() {
        CsrMatrix x = (CsrMatrix) small().x();
        assertThat(x.toDense(new MemoryBudget(1 << 20), "X").get(1, 2)).isEqualTo(3f);
        assertThatThrownBy(() -> x.toDense(new MemoryBudget(10), "X")).isInstanceOf(AtlasException.class)
                .hasMessageContaining("Refusing to densify X").hasMessageContaining("48 B");
    }
}
