package org.scjava.models;

import org.junit.jupiter.api.Test;
import org.scjava.models.api.CellTokens;
import org.scjava.models.api.GeneEmbeddings;
import org.scjava.models.geneformer.GeneformerModel;
import org.scjava.models.io.SafeTensors;
import org.scjava.models.scgpt.ScGptModel;

import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code embedGenes()}: scGPT's normalised gene encoder rows and Geneformer's word embeddings, special tokens excluded. */
class GeneEmbeddingsTest {

    @Test
    void scgptGeneTableIsTheLayerNormedEncoderOutput() {
        try (ScGptModel m = Models.scGPT(Fixtures.path("scgpt/whole_human_style"))) {
            GeneEmbeddings g = m.embedGenes();
            assertThat(g.genes()).hasSize(330).doesNotContain("<pad>", "<cls>", "<eoc>");
            Map<String, Integer> index = g.index();
            CellTokens cell0 = m.tokenize(org.scjava.dsl.atlas.Atlas.load(Fixtures.path("inputs/cells.h5ad"))).cell(0);
            float[] want = Fixtures.expected("scgpt_gene_emb_cells0-3.npy").toFloatArray();
            for (int t = 1; t < cell0.length(); t++) {
                String gene = m.vocabulary().token(cell0.ids()[t]);
                float[] row = g.vectors()[index.get(gene)];
                assertThat(Fixtures.maxAbsDiff(row, Arrays.copyOfRange(want, t * 32, (t + 1) * 32)))
                        .as(gene).isLessThanOrEqualTo(1e-5);
            }
        }
    }

    @Test
    void geneformerGeneTableIsTheWordEmbeddingOfEachGeneToken() {
        try (GeneformerModel m = Models.geneformer(Fixtures.path("geneformer/v2"))) {
            GeneEmbeddings g = m.embedGenes();
            float[][] word = SafeTensors.read(Fixtures.path("geneformer/v2/model.safetensors"))
                    .get("bert.embeddings.word_embeddings.weight").toFloatMatrix();
            assertThat(g.genes()).hasSize(330).allMatch(s -> s.startsWith("ENSG"));
            for (int i = 0; i < g.genes().length; i++) {
                assertThat(g.vectors()[i]).containsExactly(word[m.vocabulary().id(g.genes()[i])]);
            }
        }
    }
}
