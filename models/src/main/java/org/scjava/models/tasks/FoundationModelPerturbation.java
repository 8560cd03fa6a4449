package org.scjava.models.tasks;

import org.scjava.dsl.api.CellEmbedder;
import org.scjava.dsl.api.PerturbableModel;
import org.scjava.dsl.api.TokenSequence;
import org.scjava.dsl.core.AtlasData;
import org.scjava.models.api.CellTokens;
import org.scjava.models.api.FoundationModel;
import org.scjava.models.api.GeneEmbeddings;
import org.scjava.models.geneformer.GeneformerDictionaries;
import org.scjava.models.geneformer.GeneformerModel;
import org.scjava.models.scgpt.ScGptModel;
import org.scjava.models.scgpt.ValueBinning;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lets {@code atlas.perturb(model, ...)} and {@code atlas.genePrograms(model)} (dsl) drive a Geneformer or scGPT
 * handle: tokenizer, forward pass at the embedding layer and cell pooling come from the model itself, so perturbed
 * cells go through exactly the path {@code embedCells} uses. Registered in
 * {@code META-INF/services/org.scjava.dsl.api.PerturbableModel$Adapter}.
 */
public final class FoundationModelPerturbation implements PerturbableModel.Adapter {

    @Override
    public Optional<PerturbableModel> adapt(CellEmbedder model) {
        if (model instanceof GeneformerModel g) {
            var vocab = g.vocabulary();
            return Optional.of(new Adapted(g, PerturbableModel.Encoding.RANK_VALUE,
                    vocab.id(GeneformerDictionaries.CLS), vocab.id(GeneformerDictionaries.EOS),
                    g.tokenizer().modelInputSize(), Float.NaN, Float.NaN));
        }
        if (model instanceof ScGptModel s) {
            int maxLength = ((Number) s.card().settings().get("max_length")).intValue();
            // scGPT bins non-zero values into 1..n_bins-1; bin 0 means "not expressed"
            return Optional.of(new Adapted(s, PerturbableModel.Encoding.BINNED_VALUE, s.vocabulary().id("<cls>"), -1,
                    maxLength, ValueBinning.N_BINS - 1, 0f));
        }
        return Optional.empty();
    }

    /** The adapted handle; all model work is delegated. */
    private record Adapted(FoundationModel model, Encoding encoding, int clsToken, int eosToken, int maxLength,
                           float topValue, float zeroValue) implements PerturbableModel {

        @Override
        public String name() {
            return model.name();
        }

        @Override
        public int[] columnTokens(AtlasData atlas) {
            return model.columnTokens(atlas);
        }

        @Override
        public List<TokenSequence> tokenize(AtlasData atlas, int[] rows) {
            AtlasData part = rows.length == atlas.nObs() && isIdentity(rows) ? atlas : atlas.subset(rows, null);
            List<TokenSequence> out = new ArrayList<>(rows.length);
            for (CellTokens c : model.tokenize(part).cells()) {
                out.add(new TokenSequence(c.ids(), c.values()));
            }
            return out;
        }

        @Override
        public float[][][] tokenStates(List<TokenSequence> cells) {
            int layer = model.embeddingHiddenState();
            return model.hiddenStates(toModel(cells), layer).layer(layer);
        }

        @Override
        public float[] poolCell(float[][] states, TokenSequence cell) {
            return model.poolCell(states, new CellTokens(cell.ids(), cell.values()));
        }

        @Override
        public float[][] staticGeneEmbeddings() {
            GeneEmbeddings g = model.embedGenes();
            float[][] out = new float[model.vocabulary().size()][];
            for (int i = 0; i < g.genes().length; i++) {
                int id = model.vocabulary().id(g.genes()[i]);
                if (id >= 0) {
                    out[id] = g.vectors()[i];
                }
            }
            return out;
        }

        @Override
        public Map<String, Object> provenance() {
            return model.provenance();
        }

        private static List<CellTokens> toModel(List<TokenSequence> cells) {
            List<CellTokens> out = new ArrayList<>(cells.size());
            for (TokenSequence t : cells) {
                out.add(new CellTokens(t.ids(), t.values()));
            }
            return out;
        }

        private static boolean isIdentity(int[] rows) {
            for (int i = 0; i < rows.length; i++) {
                if (rows[i] != i) {
                    return false;
                }
            }
            return true;
        }
    }
}
