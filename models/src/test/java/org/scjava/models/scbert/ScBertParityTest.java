package org.scjava.models.scbert;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.models.Fixtures;
import org.scjava.models.api.CellTokens;
import org.scjava.models.api.HiddenStates;
import org.scjava.models.api.TokenizedCells;
import org.scjava.models.io.HostTensor;
import org.scjava.models.io.Npy;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parity with the scBERT reference fixtures (src/test/resources/scbert/README.md): tokens exactly equal; normalised
 * values, intermediates, encodings, cell embeddings, per-gene logits and classifier outputs within 1e-5.
 */
class ScBertParityTest {

    private static final double TOL = 1e-5;

    static Atlas atlas;
    static ScBertModel pretrained;
    static TokenizedCells tokens;

    static Path dir() {
        return Fixtures.resource("/scbert");
    }

    static HostTensor expected(String name) {
        return Npy.read(dir().resolve("expected").resolve(name));
    }

    @BeforeAll
    static void load() {
        atlas = Atlas.load(dir().resolve("inputs/cells.h5ad"));
        pretrained = ScBertModel.builder().setPath(dir()).build();
        tokens = pretrained.tokenize(atlas);
    }

    @AfterAll
    static void close() {
        pretrained.close();
    }

    @Test
    void shapesComeFromTheCheckpointAndGenesFromPanglaoH5ad() {
        assertThat(pretrained.card().config()).containsEntry("dim", 16).containsEntry("depth", 2)
                .containsEntry("heads", 2).containsEntry("dim_head", 8).containsEntry("nb_features", 16)
                .containsEntry("max_seq_len", 41).containsEntry("bin_num", 5);
        assertThat(pretrained.card().ignoredKeys()).containsExactly("performer.calls_since_last_redraw");
        assertThat(pretrained.genes()).hasSize(40);
        assertThat(tokens.match().matched()).isEqualTo(30);
        assertThat(tokens.match().total()).isEqualTo(36);
    }

    @Test
    void normalizedValuesAndTokensMatch() {
        float[][] norm = pretrained.normalized(atlas);
        float[] want = expected("normalized.npy").toFloatArray();
        for (int c = 0; c < norm.length; c++) {
            for (int g = 0; g < 40; g++) {
                assertThat((double) Math.abs(norm[c][g] - want[c * 40 + g])).as("cell %d gene %d", c, g).isLessThanOrEqualTo(1e-6);
            }
        }
        long[] ids = expected("tokens.npy").toLongArray();
        for (int c = 0; c < tokens.size(); c++) {
            int[] got = tokens.cell(c).ids();
            for (int t = 0; t < 41; t++) {
                assertThat((long) got[t]).as("cell %d token %d", c, t).isEqualTo(ids[c * 41 + t]);
            }
        }
        assertThat(tokens.cell(15).ids()).as("boundary cell: exact integer bins").startsWith(
                (int) ids[15 * 41], (int) ids[15 * 41 + 1]);
    }

    @Test
    void intermediatesAndEncodingsMatch() {
        List<CellTokens> two = tokens.cells().subList(0, 2);
        HiddenStates h = pretrained.hiddenStates(two, 0, 1, 2);
        assertThat(maxDiff(h.layer(0), expected("embedding_input_cells0-1.npy").toFloatArray())).isLessThanOrEqualTo(TOL);
        float[] layers = expected("layer_out_cells0-1.npy").toFloatArray();   // [2 cells][2 layers][41][16]
        for (int l = 1; l <= 2; l++) {
            float[][][] got = h.layer(l);
            double worst = 0;
            for (int c = 0; c < 2; c++) {
                for (int t = 0; t < 41; t++) {
                    for (int k = 0; k < 16; k++) {
                        worst = Math.max(worst, Math.abs(got[c][t][k] - layers[((c * 2 + (l - 1)) * 41 + t) * 16 + k]));
                    }
                }
            }
            assertThat(worst).as("layer %d", l).isLessThanOrEqualTo(TOL);
        }
        assertThat(maxDiff(pretrained.encodings(two), expected("encodings_cells0-1.npy").toFloatArray())).isLessThanOrEqualTo(TOL);
    }

    @Test
    void cellEmbeddingsMatchForBothPoolings() {
        assertThat(Fixtures.maxAbsDiff(flat(pretrained.embedCells(atlas)), expected("cell_emb_mean.npy").toFloatArray()))
                .isLessThanOrEqualTo(TOL);
        try (ScBertModel cls = ScBertModel.builder().setPath(dir().resolve("panglao_pretrain.pth"))
                .optPooling(ScBertPooling.CLS).build()) {
            assertThat(Fixtures.maxAbsDiff(flat(cls.embedCells(atlas)), expected("cell_emb_cls.npy").toFloatArray()))
                    .isLessThanOrEqualTo(TOL);
        }
    }

    @Test
    void perGeneLogitsAndFinetunedClassifierMatch() {
        float[][] logits = pretrained.headOutputs(tokens.cells().subList(0, 2));
        assertThat(Fixtures.maxAbsDiff(flat(logits), expected("gene_logits_cells0-1.npy").toFloatArray())).isLessThanOrEqualTo(TOL);
        try (ScBertModel ft = ScBertModel.builder().setPath(dir().resolve("finetuned.pth")).build()) {
            assertThat(Fixtures.maxAbsDiff(flat(ft.headOutputs(tokens.cells())), expected("finetuned_logits.npy").toFloatArray()))
                    .isLessThanOrEqualTo(TOL);
            assertThat(Fixtures.maxAbsDiff(flat(ft.predictProbabilities(atlas)), expected("finetuned_probs.npy").toFloatArray()))
                    .isLessThanOrEqualTo(TOL);
            assertThat(Fixtures.maxAbsDiff(flat(ft.embedCells(atlas)), expected("cell_emb_mean.npy").toFloatArray()))
                    .as("same encoder weights").isLessThanOrEqualTo(TOL);
        }
    }

    static double maxDiff(float[][][] got, float[] want) {
        double worst = 0;
        int i = 0;
        for (float[][] m : got) {
            for (float[] r : m) {
                for (float v : r) {
                    worst = Math.max(worst, Math.abs(v - want[i++]));
                }
            }
        }
        assertThat(i).isEqualTo(want.length);
        return worst;
    }

    static float[] flat(float[][] m) {
        int n = 0;
        for (float[] r : m) {
            n += r.length;
        }
        float[] out = new float[n];
        int k = 0;
        for (float[] r : m) {
            System.arraycopy(r, 0, out, k, r.length);
            k += r.length;
        }
        return out;
    }
}
