package org.scjava.dsl.tasks.programs;

import org.scjava.dsl.api.PerturbableModel;
import org.scjava.dsl.api.TokenSequence;
import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.DenseMatrix;
import org.scjava.dsl.core.Progress;
import org.scjava.dsl.tasks.perturb.Sampling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Gene vectors from a foundation model for gene programs: scGPT's gene-encoder embeddings (its GRN tutorial, Cui et
 * al. 2024) or Geneformer's contextual gene embeddings averaged over cells (its {@code EmbExtractor(emb_mode="gene")},
 * the embedding layer's token states of each gene, averaged over the cells whose token list holds it).
 */
public final class ModelGeneEmbeddings {

    /** Where the vectors come from; AUTO = STATIC for value-binned models (scGPT), CONTEXTUAL for rank models. */
    public enum Source { AUTO, STATIC, CONTEXTUAL }

    /** Genes that got a vector (var names, input order) and their vectors; {@code source} says how. */
    public record GeneVectors(List<String> genes, DenseMatrix vectors, String source) {
    }

    private ModelGeneEmbeddings() {
    }

    /** Vectors of {@code genes} (var names); genes outside the model's vocabulary (or never seen) are dropped. */
    public static GeneVectors of(AtlasData atlas, PerturbableModel model, List<String> genes, Source source,
                                 int maxCells, long seed) {
        Source s = source != Source.AUTO ? source
                : model.encoding() == PerturbableModel.Encoding.BINNED_VALUE ? Source.STATIC : Source.CONTEXTUAL;
        int[] columnTokens = model.columnTokens(atlas);
        var index = atlas.varIndex();
        int[] tokens = genes.stream().mapToInt(g -> {
            Integer j = index.get(g);
            if (j == null) {
                throw new AtlasException("gene programs: gene '" + g + "' is not in var");
            }
            return columnTokens[j];
        }).toArray();
        float[][] table = s == Source.STATIC ? model.staticGeneEmbeddings()
                : contextual(atlas, model, maxCells, seed);
        List<String> kept = new ArrayList<>();
        List<float[]> rows = new ArrayList<>();
        for (int g = 0; g < tokens.length; g++) {
            if (tokens[g] >= 0 && tokens[g] < table.length && table[tokens[g]] != null) {
                kept.add(genes.get(g));
                rows.add(table[tokens[g]]);
            }
        }
        if (kept.size() < 20) {
            throw new AtlasException("gene programs: only " + kept.size() + " of " + genes.size() + " genes have a "
                    + model.name() + " embedding (" + s.name().toLowerCase(java.util.Locale.ROOT) + "); need ≥ 20;"
                    + " check that the model's vocabulary matches the data's genes");
        }
        String how = s == Source.STATIC ? model.name() + " gene encoder (static)"
                : model.name() + " contextual gene embeddings (mean over cells)";
        return new GeneVectors(kept, DenseMatrix.of(rows.toArray(float[][]::new)), how);
    }

    /** Mean token state per token id over (at most {@code maxCells}) cells; null where a token never occurs. */
    static float[][] contextual(AtlasData atlas, PerturbableModel model, int maxCells, long seed) {
        int[] rows = Sampling.sample(atlas.nObs(), maxCells, seed);
        double[][] sum = null;
        int[] count = null;
        int chunk = 256;
        try (Progress progress = Progress.start("contextual gene embeddings (" + model.name() + ")", rows.length,
                "cells")) {
            for (int from = 0; from < rows.length; from += chunk) {
                int[] part = Arrays.copyOfRange(rows, from, Math.min(rows.length, from + chunk));
                List<TokenSequence> cells = model.tokenize(atlas, part);
                float[][][] states = model.tokenStates(cells);
                for (int c = 0; c < cells.size(); c++) {
                    int[] ids = cells.get(c).ids();
                    for (int p = 0; p < ids.length; p++) {
                        if (ids[p] == model.clsToken() || ids[p] == model.eosToken()) {
                            continue;
                        }
                        if (sum == null) {
                            sum = new double[vocabBound(model, atlas)][];
                            count = new int[sum.length];
                        }
                        if (sum[ids[p]] == null) {
                            sum[ids[p]] = new double[states[c][p].length];
                        }
                        for (int k = 0; k < states[c][p].length; k++) {
                            sum[ids[p]][k] += states[c][p][k];
                        }
                        count[ids[p]]++;
                    }
                }
                progress.step(part.length);
            }
        }
        float[][] out = new float[sum == null ? 0 : sum.length][];
        for (int t = 0; t < out.length; t++) {
            if (count[t] > 0) {
                out[t] = new float[sum[t].length];
                for (int k = 0; k < out[t].length; k++) {
                    out[t][k] = (float) (sum[t][k] / count[t]);
                }
            }
        }
        return out;
    }

    /** One past the largest token id the data can produce (gene columns and special tokens). */
    private static int vocabBound(PerturbableModel model, AtlasData atlas) {
        int max = Math.max(model.clsToken(), model.eosToken());
        for (int t : model.columnTokens(atlas)) {
            max = Math.max(max, t);
        }
        return max + 1;
    }
}
