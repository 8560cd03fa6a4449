package org.scjava.models.scbert;

import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.Matrix;
import org.scjava.dsl.core.Progress;
import org.scjava.models.GeneAlignment;
import org.scjava.models.GeneListBuilder;
import org.scjava.models.GeneListModel;
import org.scjava.models.ModelFiles;
import org.scjava.models.api.CellTokens;
import org.scjava.models.api.GeneEmbeddings;
import org.scjava.models.api.HiddenStates;
import org.scjava.models.api.ModelCard;
import org.scjava.models.api.ModelException;
import org.scjava.models.api.TokenizedCells;
import org.scjava.models.io.Checksums;
import org.scjava.models.runtime.EncoderSpec;
import org.scjava.models.runtime.MemoryGuard;
import org.scjava.models.runtime.ProgramRuntime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * scBERT (Yang et al. 2022, doi:10.1038/s42256-022-00534-z) loaded from its official files — a checkpoint written by
 * {@code utils.save_ckpt} ({@code panglao_pretrain.pth}, or a fine-tuned {@code *_best.pth}) and the reference gene
 * list ({@code panglao_10000.h5ad}) — and run on libtorch with the Performer (FAVOR+) attention of
 * {@code performer_pytorch}, using the projection matrices stored in the checkpoint (never redrawn at inference).
 * Cells are tokenised as {@code preprocess.py} + {@code predict.py} do; the encodings are pooled per
 * {@link ScBertPooling}. Reads raw counts ({@code layers["counts"]} or X) and gene symbols from var.
 */
public final class ScBertModel extends GeneListModel {

    private static final String KIND = "scbert";

    private final ScBertCheckpoint ckpt;
    private final ScBertRuntime runtime;
    private final ScBertTokenizer tokenizer;
    private final ScBertPooling pooling;
    private final int cellsPerBatch;

    private ScBertModel(Builder b) {
        super(b, "human gene symbols of its panglao_10000.h5ad reference list (e.g. CD3E)");
        this.pooling = b.pooling;
        Path dir = b.directory();
        Path checkpoint = b.checkpointFile() != null ? b.checkpointFile()
                : ModelFiles.require(dir, KIND, "panglao_pretrain.pth", "panglao_pretrained.pth", "finetuned.pth", "model.pth");
        List<String> genes = setGenes(ScBertGenes.read(b.genes() != null ? b.genes()
                : ModelFiles.require(dir, KIND, ScBertGenes.FILE_NAMES)));
        this.ckpt = ScBertCheckpoint.read(checkpoint);
        if (genes.size() + 1 != ckpt.seqLen()) {
            throw new ModelException("scBERT gene list has " + genes.size() + " genes but the checkpoint's gene2vec"
                    + " table 'pos_emb.emb.weight' has " + ckpt.seqLen() + " rows (genes + 1); the gene list and the"
                    + " checkpoint do not belong together");
        }
        this.tokenizer = new ScBertTokenizer(genes, ckpt.numTokens() - 2, b.preNormalized());
        this.runtime = own(new ScBertRuntime(ckpt, options().device(), options().threads(),
                "scBERT model from " + checkpoint));
        EncoderSpec spec = new EncoderSpec(EncoderSpec.InputStyle.BERT, ckpt.heads() * ckpt.dimHead(), ckpt.heads(),
                ckpt.depth(), 2 * ckpt.heads() * ckpt.features(), 1e-5, true, 0);
        long tokens = MemoryGuard.tokensPerBatch(spec, ckpt.seqLen(), 1, options().maxTokensPerBatch());
        this.cellsPerBatch = (int) Math.max(1, Math.min(options().batchSize(), tokens / ckpt.seqLen()));
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("pooling", pooling.name().toLowerCase(java.util.Locale.ROOT));
        settings.put("pre_normalized", b.preNormalized());
        settings.put("normalization", b.preNormalized() ? "none (X is log2-normalised)" : "normalize_total 1e4, log2(1+x)");
        settings.put("cells_per_batch", cellsPerBatch);
        setCard(new ModelCard(name(), KIND, dir.toString(), ckpt.config(), checkpoint.getFileName().toString(),
                Checksums.sha256(checkpoint), genes.size(), ckpt.ignoredKeys(), settings));
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builder: {@code setPath} is required (model directory or checkpoint file), the rest optional; {@code optGenes}
     * takes the reference gene list ({@code panglao_10000.h5ad} or a text file), {@code optPreNormalized(true)} says X
     * already holds {@code preprocess.py}'s log2-normalised values.
     */
    public static final class Builder extends GeneListBuilder<Builder> {
        private ScBertPooling pooling = ScBertPooling.MEAN;

        public Builder() {
            super(KIND);
        }

        public Builder optPooling(ScBertPooling p) {
            this.pooling = Objects.requireNonNull(p);
            return this;
        }

        public ScBertModel build() {
            checkPath("scBERT");
            return new ScBertModel(this);
        }
    }

    @Override
    public int numLayers() {
        return ckpt.depth();
    }

    /** The log2-normalised value of every reference gene per cell ([cells][genes]), before binning. */
    public float[][] normalized(AtlasData atlas) {
        return allPositionValues(atlas);
    }

    @Override
    protected float[] positionValues(Matrix counts, int cell, int[] columns) {
        return tokenizer.normalized(counts, cell, columns);
    }

    @Override
    public TokenizedCells tokenize(AtlasData atlas) {
        GeneAlignment.Aligned p = align(atlas);
        List<CellTokens> cells = cellTokens(p, atlas.nObs(), v -> new CellTokens(tokenizer.tokens(v), null));
        List<int[]> batches = new ArrayList<>();
        for (int s = 0; s < cells.size(); s += cellsPerBatch) {
            batches.add(java.util.stream.IntStream.range(s, Math.min(cells.size(), s + cellsPerBatch)).toArray());
        }
        return new TokenizedCells(cells, p.match(), batches);
    }

    @Override
    public float[][] embedTokens(List<CellTokens> cells) {
        float[][] out = new float[cells.size()][];
        int which = pooling == ScBertPooling.MEAN ? 0 : 1;
        run(cells, false, false, "embed " + name(), (start, r) -> {
            ProgramRuntime.Output o = r.get(which);
            for (int c = 0; c < o.dim(0); c++) {
                out[start + c] = java.util.Arrays.copyOfRange(o.data(), c * o.dim(1), (c + 1) * o.dim(1));
            }
        });
        return out;
    }

    /**
     * Per-position states: index 0 = {@code token_emb + gene2vec}, i = output of Performer layer i (before the final
     * norm); {@link #encodings} gives the normalised output.
     */
    @Override
    public HiddenStates hiddenStates(List<CellTokens> cells, int... layers) {
        for (int l : layers) {
            if (l < 0 || l > ckpt.depth()) {
                throw new IllegalArgumentException("hidden state index " + l + " outside 0.." + ckpt.depth());
            }
        }
        float[][][][] states = new float[layers.length][cells.size()][][];
        int len = ckpt.seqLen();
        run(cells, true, false, "scbert hidden states", (start, r) -> {
            for (int k = 0; k < layers.length; k++) {
                ProgramRuntime.Output o = r.get(layers[k] == 0 ? 2 : 3 + layers[k]);
                for (int c = 0; c < o.dim(0); c++) {
                    states[k][start + c] = o.rows(c, len, len);
                }
            }
        });
        return new HiddenStates(layers.clone(), states);
    }

    /** The final-norm encodings ({@code return_encodings=True}) per cell: [cells][genes + 1][dim]. */
    public float[][][] encodings(List<CellTokens> cells) {
        float[][][] out = new float[cells.size()][][];
        run(cells, true, false, "scbert encodings", (start, r) -> {
            for (int c = 0; c < r.get(3).dim(0); c++) {
                out[start + c] = r.get(3).rows(c, ckpt.seqLen(), ckpt.seqLen());
            }
        });
        return out;
    }

    /**
     * The checkpoint head's output, as {@code predict.py} computes it: for the pretraining checkpoint the class logits
     * of every gene ([cells][genes + 1][num_tokens], flattened per cell); for a fine-tuned classifier the cell-type
     * logits ([cells][classes]).
     */
    public float[][] headOutputs(List<CellTokens> cells) {
        if (ckpt.head() == 0) {
            throw new ModelException("this scBERT checkpoint has no output head ('to_out'); only embeddings are available");
        }
        float[][] out = new float[cells.size()][];
        run(cells, false, true, "scbert head", (start, r) -> {
            ProgramRuntime.Output o = r.get(2);
            int per = o.data().length / o.dim(0);
            for (int c = 0; c < o.dim(0); c++) {
                out[start + c] = java.util.Arrays.copyOfRange(o.data(), c * per, (c + 1) * per);
            }
        });
        return out;
    }

    /** Classifier probabilities (softmax of {@link #headOutputs}) of a fine-tuned checkpoint, one row per cell. */
    public float[][] predictProbabilities(AtlasData atlas) {
        if (ckpt.head() != 2) {
            throw new ModelException("predictProbabilities needs a fine-tuned scBERT classifier checkpoint (to_out.fc3);"
                    + " this one has " + ckpt.config().get("head"));
        }
        float[][] logits = headOutputs(tokenize(atlas).cells());
        for (float[] row : logits) {
            double max = Double.NEGATIVE_INFINITY;
            for (float v : row) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (float v : row) {
                sum += Math.exp(v - max);
            }
            for (int i = 0; i < row.length; i++) {
                row[i] = (float) (Math.exp(row[i] - max) / sum);
            }
        }
        return logits;
    }

    private void run(List<CellTokens> cells, boolean detail, boolean head, String task,
                     BiConsumer<Integer, ScBertRuntime.Result> sink) {
        try (Progress progress = Progress.start(task, cells.size(), "cells")) {
            for (int s = 0; s < cells.size(); s += cellsPerBatch) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new ModelException(task + " interrupted after " + s + " of " + cells.size() + " cells");
                }
                List<CellTokens> batch = cells.subList(s, Math.min(cells.size(), s + cellsPerBatch));
                sink.accept(s, runtime.run(batch, detail, head));
                progress.step(batch.size());
            }
        }
    }

    /** scBERT's gene embeddings: the gene2vec rows of the checkpoint ({@code pos_emb.emb.weight}), one per gene. */
    @Override
    public GeneEmbeddings embedGenes() {
        float[][] table = ckpt.gene2vec().toFloatMatrix();
        return geneRows(table);
    }

    /** scBERT caps the cells per batch by the memory budget (every cell is a whole gene-list sequence). */
    @Override
    protected int provenanceBatchSize() {
        return cellsPerBatch;
    }
}
