package org.scjava.models.esm2;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scjava.dsl.io.Fasta;
import org.scjava.models.Fixtures;
import org.scjava.models.api.CellTokens;
import org.scjava.models.io.HostTensor;
import org.scjava.models.io.Npy;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parity with the ESM-2 reference fixtures (src/test/resources/esm2/README.md): tokens exactly equal; per-residue,
 * mean, {@code <cls>} and intermediate-layer embeddings within 1e-5, with the default and a short truncation.
 */
class Esm2ParityTest {

    private static final double TOL = 1e-5;

    static Esm2Model model;
    static List<Fasta.Record> records;

    static Path dir() {
        return Fixtures.resource("/esm2");
    }

    static HostTensor expected(String name) {
        return Npy.read(dir().resolve("expected").resolve(name));
    }

    @BeforeAll
    static void load() {
        model = Esm2Model.builder().setCheckpoint(dir().resolve("esm2_t2_16_tiny.pt")).build();
        records = Fasta.read(dir().resolve("proteins.fasta"));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void readsTheOfficialCheckpointLayoutAndConfig() {
        assertThat(model.numLayers()).isEqualTo(2);
        assertThat(model.dim()).isEqualTo(16);
        assertThat(model.card().config()).containsEntry("encoder_attention_heads", 4).containsEntry("token_dropout", true);
        assertThat(model.card().ignoredKeys()).contains("lm_head.weight", "lm_head.dense.weight", "lm_head.bias");
        assertThat(model.card().checkpointSha256()).hasSize(64);
        assertThat(records).hasSize(8);
        assertThat(records.get(0).gene()).isEqualTo("CD3E");
        assertThat(records.get(7).gene()).isEqualTo("LONG1");
    }

    @Test
    void tokensMatchExactly() {
        checkTokens(model, "tokens.npy");
        try (Esm2Model shortModel = Esm2Model.builder().setCheckpoint(dir()).optTruncation(12).build()) {
            checkTokens(shortModel, "tokens_trunc12.npy");
        }
    }

    private static void checkTokens(Esm2Model m, String file) {
        HostTensor t = expected(file);
        long[] ids = t.toLongArray();
        int width = (int) t.dim(1);
        List<CellTokens> tokens = m.tokenize(records.stream().map(Fasta.Record::label).toList(),
                records.stream().map(Fasta.Record::sequence).toList());
        for (int i = 0; i < tokens.size(); i++) {
            int[] got = tokens.get(i).ids();
            for (int j = 0; j < width; j++) {
                long want = ids[i * width + j];
                if (j < got.length) {
                    assertThat((long) got[j]).as("%s seq %d token %d", file, i, j).isEqualTo(want);
                } else {
                    assertThat(want).as("%s seq %d padding %d", file, i, j).isEqualTo(1L);
                }
            }
        }
    }

    @Test
    void meanBosAndPerResidueEmbeddingsMatch() {
        ProteinEmbeddings e = model.embed(records);
        assertThat(Fixtures.maxAbsDiff(flat(e.mean()), expected("mean.npy").toFloatArray())).isLessThanOrEqualTo(TOL);
        assertThat(Fixtures.maxAbsDiff(flat(e.bos()), expected("bos.npy").toFloatArray())).isLessThanOrEqualTo(TOL);
        HostTensor perTok = expected("per_tok.npy");
        int width = (int) perTok.dim(1);
        float[] want = perTok.toFloatArray();
        double worst = 0;
        for (int i = 0; i < e.size(); i++) {
            float[][] rows = e.perResidue()[i];
            for (int t = 0; t < rows.length; t++) {
                for (int k = 0; k < 16; k++) {
                    worst = Math.max(worst, Math.abs(rows[t][k] - want[((i * width) + t + 1) * 16 + k]));
                }
            }
        }
        assertThat(worst).isLessThanOrEqualTo(TOL);
        assertThat(e.perResidue()[6]).as("'<mask>' counts as one residue").hasNumberOfRows(14);
    }

    @Test
    void intermediateLayerAndTruncationMatch() {
        try (Esm2Model layer1 = Esm2Model.builder().setCheckpoint(dir()).optLayer(1).build();
             Esm2Model truncated = Esm2Model.builder().setCheckpoint(dir()).optTruncation(12).optToksPerBatch(30).build()) {
            assertThat(Fixtures.maxAbsDiff(flat(layer1.embed(records).mean()), expected("mean_layer1.npy").toFloatArray()))
                    .isLessThanOrEqualTo(TOL);
            ProteinEmbeddings t = truncated.embed(records);
            assertThat(Fixtures.maxAbsDiff(flat(t.mean()), expected("mean_trunc12.npy").toFloatArray())).isLessThanOrEqualTo(TOL);
            assertThat(Fixtures.maxAbsDiff(flat(t.bos()), expected("bos_trunc12.npy").toFloatArray())).isLessThanOrEqualTo(TOL);
        }
    }

    static float[] flat(float[][] m) {
        float[] out = new float[m.length * m[0].length];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(m[i], 0, out, i * m[i].length, m[i].length);
        }
        return out;
    }
}
