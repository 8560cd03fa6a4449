package org.scjava.models.esm2;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.CsrMatrix;
import org.scjava.dsl.core.Matrix;
import org.scjava.dsl.io.Fasta;
import org.scjava.models.Fixtures;
import org.scjava.models.io.Npy;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code atlas.attachProteinEmbeddings(model, fastaOrTable)} with the tiny ESM-2 and the fixture FASTA. */
class AttachProteinEmbeddingsTest {

    static Esm2Model esm;
    static float[] expectedMean;

    static Path dir() {
        return Fixtures.resource("/esm2");
    }

    @BeforeAll
    static void load() {
        esm = Esm2Model.builder().setCheckpoint(dir()).build();
        expectedMean = Npy.read(dir().resolve("expected/mean.npy")).toFloatArray();
    }

    @AfterAll
    static void close() {
        esm.close();
    }

    static Atlas atlas() {
        return new Atlas(CsrMatrix.zeros(2, 5), Table.create("obs", StringColumn.create("cell", "c0", "c1")),
                Table.create("var", StringColumn.create("gene", "CD3E", "LYZ", "FOO", "INS", "MS4A1")));
    }

    /** Record {@code i} of proteins.fasta's expected mean embedding. */
    static float[] expected(int i) {
        return java.util.Arrays.copyOfRange(expectedMean, i * 16, (i + 1) * 16);
    }

    @Test
    void fastaGivesEachGeneItsFirstRecordsMeanEmbedding() {
        Atlas a = atlas().attachProteinEmbeddings(esm, dir().resolve("proteins.fasta").toString());
        Matrix v = a.varm().get("X_esm2");
        assertThat(v.nRows()).isEqualTo(5);
        assertThat(v.nCols()).isEqualTo(16);
        int[] record = {0, 2, -1, 6, 3};   // CD3E: record 1 (not its isoform, record 6); FOO: none
        for (int g = 0; g < 5; g++) {
            for (int k = 0; k < 16; k++) {
                float want = record[g] < 0 ? 0f : expected(record[g])[k];
                assertThat((double) Math.abs(v.get(g, k) - want)).as("gene %d dim %d", g, k).isLessThanOrEqualTo(1e-5);
            }
        }
        assertThat(a.var().booleanColumn("esm2_protein").asList()).containsExactly(true, true, false, true, true);
        var entry = a.history().entries().get(a.history().entries().size() - 1);
        assertThat(entry.verb()).isEqualTo("attachProteinEmbeddings");
        assertThat(entry.params()).containsEntry("genes_with_protein", 4).containsEntry("proteins_embedded", 4)
                .containsKey("checkpoint_sha256").containsEntry("gene_key", "var index");
    }

    @Test
    void aTableWorksTooAndMatchesTheFastaResult() {
        List<Fasta.Record> recs = Fasta.read(dir().resolve("proteins.fasta"));
        Table t = Table.create("proteins", StringColumn.create("symbol", recs.stream().map(Fasta.Record::gene).toList()),
                StringColumn.create("sequence", recs.stream().map(Fasta.Record::sequence).toList()));
        Atlas a = atlas().attachProteinEmbeddings(esm, t);
        assertThat((double) Math.abs(a.varm().get("X_esm2").get(1, 5) - expected(2)[5])).isLessThanOrEqualTo(1e-5);
    }

    @Test
    void noMatchingGeneIsRefusedWithTheIdentifiersOnBothSides() {
        Atlas mouse = new Atlas(CsrMatrix.zeros(1, 2), Table.create("obs", StringColumn.create("cell", "c0")),
                Table.create("var", StringColumn.create("gene", "Cd3e", "Lyz2")));
        assertThatThrownBy(() -> mouse.attachProteinEmbeddings(esm, dir().resolve("proteins.fasta")))
                .isInstanceOf(AtlasException.class).hasMessageContaining("none of the 2 genes")
                .hasMessageContaining("CD3E");
        Table bad = Table.create("t", StringColumn.create("gene", "CD3E"));
        assertThatThrownBy(() -> atlas().attachProteinEmbeddings(esm, bad)).isInstanceOf(AtlasException.class)
                .hasMessageContaining("'sequence' column");
    }
}
