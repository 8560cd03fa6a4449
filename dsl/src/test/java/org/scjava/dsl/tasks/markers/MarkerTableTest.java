package org.scjava.dsl.tasks.markers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scjava.dsl.core.AtlasException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MarkerTableTest {

    @TempDir
    Path dir;

    @Test
    void bundledTablesCarryAHierarchy() {
        MarkerTable h = MarkerTable.human();
        assertThat(h.markers().get("B cell")).contains("MS4A1", "CD79A");
        LabelHierarchy tree = h.hierarchy();
        assertThat(tree.roots()).contains("lymphocyte", "myeloid cell");
        assertThat(tree.depth("CD4 T cell")).isEqualTo(3);
        assertThat(tree.coarsen("CD4 T cell", 2)).isEqualTo("T cell");
        assertThat(tree.coarsen("CD4 T cell", 1)).isEqualTo("lymphocyte");
        assertThat(tree.coarsen("B cell", 5)).isEqualTo("B cell");
        assertThat(tree.isAncestorOrSelf("T cell", "CD8 T cell")).isTrue();
        assertThat(tree.isAncestorOrSelf("B cell", "CD8 T cell")).isFalse();
        assertThat(MarkerTable.mouse().markers()).containsKey("parietal cell");
        assertThat(MarkerTable.bundled("Mus musculus").species()).isEqualTo("mouse");
    }

    @Test
    void readsAUserTable() throws IOException {
        Path f = dir.resolve("m.csv");
        Files.writeString(f, "cell_type,gene,parent,ref\nA,G1,root,x\nA,G2,root,x\nB,G3,,y\n");
        MarkerTable t = MarkerTable.read(f);
        assertThat(t.markers()).containsEntry("A", List.of("G1", "G2")).containsEntry("B", List.of("G3"));
        assertThat(t.hierarchy().parent("A")).isEqualTo("root");
        assertThat(t.hierarchy().roots()).containsExactlyInAnyOrder("root", "B");
    }

    @Test
    void badTablesAreRefused() throws IOException {
        Path noGene = dir.resolve("a.tsv");
        Files.writeString(noGene, "cell_type\tmarker\nA\tG1\n");
        assertThatThrownBy(() -> MarkerTable.read(noGene)).isInstanceOf(AtlasException.class)
                .hasMessageContaining("'cell_type' and 'gene'");
        Path twoParents = dir.resolve("b.tsv");
        Files.writeString(twoParents, "cell_type\tgene\tparent\nA\tG1\tX\nA\tG2\tY\n");
        assertThatThrownBy(() -> MarkerTable.read(twoParents)).hasMessageContaining("two parents");
        Path shortLine = dir.resolve("c.tsv");
        Files.writeString(shortLine, "cell_type\tgene\tparent\nA\n");
        assertThatThrownBy(() -> MarkerTable.read(shortLine)).hasMessageContaining("line 2");
        assertThatThrownBy(() -> MarkerTable.read(dir.resolve("none.tsv"))).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> MarkerTable.bundled("zebrafish")).hasMessageContaining("no bundled marker table");
    }

    @Test
    void cyclesAreRefused() {
        Map<String, String> p = new HashMap<>();
        p.put("a", "b");
        p.put("b", "a");
        assertThatThrownBy(() -> LabelHierarchy.of(p)).hasMessageContaining("cycle");
    }

    @Test
    void voteDescendsWhileAChildHoldsTheMajority() {
        LabelHierarchy tree = MarkerTable.human().hierarchy();
        assertThat(MarkerAnnotation.vote(List.of("CD4 T cell", "CD4 T cell", "T cell", "CD8 T cell"), tree, 0.5))
                .isEqualTo("CD4 T cell");
        assertThat(MarkerAnnotation.vote(List.of("CD4 T cell", "CD8 T cell", "T cell", "NK cell"), tree, 0.5))
                .isEqualTo("T cell");
        java.util.List<String> mostlyNone = new java.util.ArrayList<>(java.util.Arrays.asList(null, null, null));
        mostlyNone.add("B cell");
        assertThat(MarkerAnnotation.vote(mostlyNone, tree, 0.5)).isNull();
    }
}
