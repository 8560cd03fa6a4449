package org.scjava.models.esm2;

import org.junit.jupiter.api.Test;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.io.Fasta;
import org.scjava.models.Fixtures;
import org.scjava.models.ModelOptions;
import org.scjava.models.Models;
import org.scjava.models.api.CheckpointException;
import org.scjava.models.api.FoundationModel;
import org.scjava.models.api.ModelException;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ESM-2 through the registry, its tokenizer and FASTA errors, and mismatched checkpoints. */
class Esm2LoadingTest {

    static Path dir() {
        return Fixtures.resource("/esm2");
    }

    @Test
    void loadsThroughTheRegistryButRefusesCellLevelCalls() {
        try (FoundationModel m = Models.load("esm2", dir(), ModelOptions.defaults())) {
            assertThat(m).isInstanceOf(Esm2Model.class);
            assertThat(m.vocabulary().size()).isEqualTo(33);
            assertThat(m.vocabulary().id("<mask>")).isEqualTo(32);
            assertThat(m.embedGenes().genes()).hasSize(33);
            Atlas atlas = Atlas.load(Fixtures.resource("/scbert/inputs/cells.h5ad"));
            assertThatThrownBy(() -> atlas.embed(m)).isInstanceOf(ModelException.class)
                    .hasMessageContaining("attachProteinEmbeddings");
            Esm2Model esm = (Esm2Model) m;
            float[][] viaTokens = esm.embedTokens(esm.tokenize(List.of("a"), List.of("MKTAYIAK")));
            float[][] direct = esm.embedProteins(List.of("a"), List.of("MKTAYIAK"));
            assertThat(viaTokens[0]).containsExactly(direct[0]);
        }
    }

    @Test
    void tokenizerAndFastaErrorsNameTheRecord() {
        try (Esm2Model m = Models.esm2(dir().resolve("esm2_t2_16_tiny.pt").toString())) {
            assertThatThrownBy(() -> m.tokenize(List.of("sp|X|Y GN=ABC"), List.of("MKtA")))
                    .isInstanceOf(ModelException.class).hasMessageContaining("sp|X|Y GN=ABC")
                    .hasMessageContaining("'t' at position 3");
            assertThatThrownBy(() -> m.tokenize(List.of("empty"), List.of(""))).hasMessageContaining("no residues");
            assertThat(m.tokenize(List.of("ws"), List.of("M K\tT")).get(0).ids()).containsExactly(0, 20, 15, 11, 2);
        }
        assertThatThrownBy(() -> Fasta.parse(">a\nMK\n>a\nMT\n", "dup.fasta")).isInstanceOf(AtlasException.class)
                .hasMessageContaining("duplicate FASTA label 'a'");
        assertThatThrownBy(() -> Fasta.parse("MKT\n", "bare.txt")).isInstanceOf(AtlasException.class)
                .hasMessageContaining("before the first '>'");
        assertThat(Fasta.parse(">\nMK\n", "x").get(0).label()).isEqualTo("seqnum000000000");
    }

    @Test
    void mismatchedOrForeignCheckpointsGiveClearErrors() {
        assertThatThrownBy(() -> Models.esm2(dir().resolve("mismatched/esm2_t3_16_mismatch.pt").toString()))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("layers.2.self_attn_layer_norm.weight");
        assertThatThrownBy(() -> Models.esm2(Fixtures.resource("/scbert/panglao_pretrain.pth").toString()))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("not an ESM-2 checkpoint");
        assertThatThrownBy(() -> Models.esm2(Fixtures.resource("/scbert").toString()))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("exactly one esm2*.pt");
    }
}
