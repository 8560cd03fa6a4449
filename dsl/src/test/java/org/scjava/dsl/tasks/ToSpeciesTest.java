package org.scjava.dsl.tasks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.CsrMatrix;
import org.scjava.dsl.core.DenseMatrix;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ToSpeciesTest {

    @TempDir
    Path dir;

    /** 2 cells x 5 mouse genes; Gene2a and Gene2b both map to GENE2 (many-to-one), Nohit has no ortholog. */
    static Atlas mouse() {
        float[] x = {1, 2, 3, 4, 5,
                     6, 0, 7, 0, 9};
        Table var = Table.create("var", StringColumn.create("gene", "Cd74", "Gene2a", "Gene2b", "Nohit", "Actb"));
        Table obs = Table.create("obs", StringColumn.create("cell", "c1", "c2"), StringColumn.create("cell_type", "A", "B"));
        Atlas a = new Atlas(new DenseMatrix(2, 5, x).toCsr(), obs, var);
        a.putObsm("X_pca", DenseMatrix.of(new double[][] {{1, 2}, {3, 4}}));
        a.putLayer("counts", a.x());
        return a;
    }

    Orthologs table() throws IOException {
        Path f = dir.resolve("orth.tsv");
        Files.writeString(f, "human_symbol\tmouse_symbol\nCD74\tCd74\nGENE2\tGene2a\nGENE2\tGene2b\nACTB\tActb\nEMPTY\t\n");
        return Orthologs.read(f);
    }

    @Test
    void oneToOneKeepsUnambiguousGenes() throws IOException {
        Atlas h = mouse().toSpecies("human", table(), ToSpecies.Options.defaults().withMinGenesMapped(1));
        assertThat(h.varNames()).containsExactly("CD74", "ACTB");
        assertThat(h.x().get(1, 1)).isEqualTo(9f);
        assertThat(h.varColumn("mouse_symbol").getString(1)).isEqualTo("Actb");
        assertThat(h.obsm()).containsKey("X_pca");
        assertThat(h.layer("counts").nCols()).isEqualTo(2);
        assertThat(h.uns()).containsEntry("species", "human");
        @SuppressWarnings("unchecked")
        Map<String, Object> info = (Map<String, Object>) h.uns().get("to_species");
        assertThat(info).containsEntry("genes_mapped", 2).containsEntry("genes_total", 5)
                .containsEntry("source_species", "mouse").containsEntry("policy", "one_to_one");
        assertThat(h.history().last("toSpecies")).isNotNull();
        assertThat(h.x().storedDtype()).isEqualTo(mouse().x().storedDtype());
    }

    @Test
    void manyToOneSumsCounts() throws IOException {
        Atlas h = mouse().toSpecies("human", table(), ToSpecies.Options.defaults().withMinGenesMapped(1)
                .withPolicy(Orthologs.Policy.parse("many_to_one")));
        assertThat(h.varNames()).containsExactly("CD74", "GENE2", "ACTB");
        assertThat(h.x().get(0, 1)).isEqualTo(5f); // 2 + 3
        assertThat(h.x().get(1, 1)).isEqualTo(7f); // 0 + 7
        assertThat(h.varColumn("mouse_symbol").getString(1)).isEqualTo("Gene2a,Gene2b");
        assertThat(h.x().isSparse()).isTrue();
    }

    @Test
    void unknownSpeciesIsRefused() throws IOException {
        Orthologs t = table();
        assertThatThrownBy(() -> mouse().toSpecies("zebrafish", t)).isInstanceOf(AtlasException.class)
                .hasMessageContaining("unknown species 'zebrafish'").hasMessageContaining("human and mouse");
    }

    @Test
    void tooFewMappedGenesIsRefused() throws IOException {
        Orthologs t = table();
        assertThatThrownBy(() -> mouse().toSpecies("human", t)).isInstanceOf(AtlasException.class)
                .hasMessageContaining("only 2 of 5 mouse genes").hasMessageContaining("minimum 50");
    }

    @Test
    void unrecognisedGeneNamesAreRefused() throws IOException {
        Atlas a = new Atlas(CsrMatrix.zeros(1, 2), null, Table.create("var", StringColumn.create("g", "ENSMUSG1", "ENSMUSG2")));
        Orthologs t = table();
        assertThatThrownBy(() -> a.toSpecies("human", t)).hasMessageContaining("withGeneColumn");
    }

    @Test
    void tableByPath() throws IOException {
        table();
        Path f = dir.resolve("orth.tsv");
        assertThatThrownBy(() -> mouse().toSpecies("human", f.toString())).hasMessageContaining("only 2 of 5");
        assertThatThrownBy(() -> mouse().toSpecies("human", f)).hasMessageContaining("only 2 of 5");
    }

    @Test
    void sameSpeciesGivesACopy() throws IOException {
        Atlas h = mouse().toSpecies("mouse", table());
        assertThat(h.varNames()).hasSize(5);
    }

    @Test
    void badTableFilesAreRefused() throws IOException {
        Path f = dir.resolve("bad.tsv");
        Files.writeString(f, "a\tb\nX\tY\n");
        assertThatThrownBy(() -> Orthologs.read(f)).hasMessageContaining("'<species>_symbol'");
        assertThatThrownBy(() -> Orthologs.read(dir.resolve("none.tsv"))).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> Orthologs.Policy.parse("best")).hasMessageContaining("one_to_one or many_to_one");
    }

    @Test
    void bundledTableMapsMouseToHuman() {
        Orthologs t = Orthologs.bundled();
        assertThat(t.species()).containsExactly("human", "mouse");
        Map<String, String> m = t.mapping("mouse", "human", Orthologs.Policy.ONE_TO_ONE);
        assertThat(m).containsEntry("Cd74", "CD74").containsEntry("Ptprc", "PTPRC");
        assertThat(m.size()).isEqualTo(16504); // rows flagged one_to_one in data/README.md
        assertThat(t.mapping("human", "mouse", Orthologs.Policy.ONE_TO_ONE)).containsEntry("CD74", "Cd74");
    }
}
