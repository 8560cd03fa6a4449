package org.scjava.models.scfoundation;

import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.Matrix;
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
import org.scjava.models.runtime.BatchRunner;
import org.scjava.models.runtime.EncoderSpec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * scFoundation (xTrimoGene; Hao et al. 2024, doi:10.1038/s41592-024-02305-7) loaded from its official
 * {@code models.ckpt} and gene list, run on libtorch: cell embeddings exactly as
 * biomap-research/scFoundation {@code model/get_embedding.py} computes them ({@code --input_type singlecell
 * --output_type cell}, {@code --pool_type all|max}, {@code --tgthighres}, {@code --pre_normalized F|T},
 * {@code --version ce|rde}). Reads raw counts ({@code layers["counts"]} or X) and gene symbols from var; genes of the
 * list missing from the data are zero, as the official {@code main_gene_selection} pads them.
 */
public final class ScFoundationModel extends GeneListModel {

    private static final String KIND = "scfoundation";

    private final ScFoundationCheckpoint ckpt;
    private final ScFoundationRuntime runtime;
    private final BatchRunner runner;
    private final ScFoundationInput input;
    private final ScFoundationPooling pooling;
    private final EncoderSpec spec;

    private ScFoundationModel(Builder b) {
        super(b, "human gene symbols of OS_scRNA_gene_index.19264.tsv (e.g. CD3E)");
        this.pooling = b.pooling;
        Path dir = b.directory();
        Path checkpoint = b.checkpointFile() != null ? b.checkpointFile()
                : ModelFiles.optional(dir, "models/models.ckpt", "models.ckpt");
        if (checkpoint == null) {
            checkpoint = ModelFiles.require(dir, KIND, "models.ckpt", "models/models.ckpt");
        }
        Path geneFile = b.genes() != null ? b.genes() : ModelFiles.optional(dir, ScFoundationGenes.OFFICIAL,
                "models/" + ScFoundationGenes.OFFICIAL, "OS_scRNA_gene_index.tiny.tsv");
        List<String> genes = setGenes(ScFoundationGenes.read(geneFile));
        this.ckpt = ScFoundationCheckpoint.read(checkpoint, b.key, b.key.equals("gene"));
        if (genes.size() + 2 != ckpt.seqLen()) {
            throw new ModelException("scFoundation gene list " + (geneFile == null ? "(bundled " + ScFoundationGenes.OFFICIAL
                    + ")" : geneFile) + " has " + genes.size() + " genes but the checkpoint's seq_len is " + ckpt.seqLen()
                    + " (genes + T + S); pass the gene list that belongs to this checkpoint");
        }
        this.input = new ScFoundationInput(genes, b.preNormalized(), b.resolution);
        this.spec = new EncoderSpec(EncoderSpec.InputStyle.BERT, ckpt.dim(), ckpt.heads(), ckpt.depth(),
                4 * ckpt.dim(), 1e-5, false, 0);
        this.runtime = own(new ScFoundationRuntime(ckpt, options().device(), options().threads(),
                "scFoundation model from " + checkpoint));
        this.runner = new BatchRunner(runtime, spec, options().batchSize(), options().maxTokensPerBatch());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("version", b.key);
        settings.put("pool_type", pooling.name().toLowerCase(java.util.Locale.ROOT));
        settings.put("tgthighres", b.resolution.toString());
        settings.put("pre_normalized", b.preNormalized() ? "T" : "F");
        setCard(new ModelCard(name(), KIND, dir.toString(), ckpt.config(), checkpoint.getFileName().toString(),
                Checksums.sha256(checkpoint), genes.size(), ckpt.ignoredKeys(), settings));
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builder: {@code setPath} is required (model directory or {@code models.ckpt}), the rest optional;
     * {@code optGenes} takes the gene list TSV (default: {@code OS_scRNA_gene_index.19264.tsv} beside the checkpoint,
     * else bundled), {@code optPreNormalized(true)} is {@code --pre_normalized T} (X holds normalised log1p values).
     */
    public static final class Builder extends GeneListBuilder<Builder> {
        private String key = "cell";
        private ScFoundationPooling pooling = ScFoundationPooling.ALL;
        private Resolution resolution = Resolution.parse("t4");

        public Builder() {
            super(KIND);
        }

        /**
         * Which model of {@code models.ckpt}: "ce" (key 'cell', default), "rde" (read-depth enhancement, key 'rde') or
         * "gene" (key 'gene', also loads the decoder for {@link #geneEmbeddings}, as {@code --output_type gene}).
         */
        public Builder optVersion(String v) {
            this.key = switch (v) {
                case "ce", "cell" -> "cell";
                case "rde" -> "rde";
                case "gene" -> "gene";
                default -> throw new IllegalArgumentException("version must be ce, rde or gene, got '" + v + "'");
            };
            return this;
        }

        public Builder optPooling(ScFoundationPooling p) {
            this.pooling = Objects.requireNonNull(p);
            return this;
        }

        /** {@code --tgthighres}, e.g. "t4" (default), "f2", "a5". */
        public Builder optTargetResolution(String s) {
            this.resolution = Resolution.parse(s);
            return this;
        }

        public ScFoundationModel build() {
            checkPath("scFoundation");
            return new ScFoundationModel(this);
        }
    }

    @Override
    public int numLayers() {
        return ckpt.depth();
    }

    /** Every cell's full input (the list genes, then T and S), before gathering: [cells][genes + 2]. */
    public float[][] inputValues(AtlasData atlas) {
        return allPositionValues(atlas);
    }

    @Override
    protected float[] positionValues(Matrix counts, int cell, int[] columns) {
        return input.values(counts, cell, columns);
    }

    /** Gathered tokens: ids are gene positions (0..genes+1), values the float32 inputs. */
    @Override
    public TokenizedCells tokenize(AtlasData atlas) {
        GeneAlignment.Aligned p = align(atlas);
        List<CellTokens> cells = cellTokens(p, atlas.nObs(), ScFoundationInput::gather);
        return new TokenizedCells(cells, p.match(), runner.plan(cells, 1));
    }

    @Override
    public float[][] embedTokens(List<CellTokens> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (pooling == ScFoundationPooling.ALL && cells.get(i).length() < 3) {
                throw new ModelException("cell " + i + " has " + cells.get(i).length() + " positive inputs (genes, T, S);"
                        + " pool_type all needs at least 3 (get_embedding.py fails on such cells too). Filter empty cells"
                        + " first or use pool_type max");
            }
        }
        return runner.pooled(cells, ckpt.depth(), (states, cell) -> pool(states), "embed " + name());
    }

    /** {@code get_embedding.py} pooling of the encoder output [len][d]. */
    float[] pool(float[][] enc) {
        int d = enc[0].length;
        int len = enc.length;
        if (pooling == ScFoundationPooling.MAX) {
            return max(enc, 0, len, d);
        }
        float[] out = new float[4 * d];
        System.arraycopy(enc[len - 1], 0, out, 0, d);
        System.arraycopy(enc[len - 2], 0, out, d, d);
        System.arraycopy(max(enc, 0, len - 2, d), 0, out, 2 * d, d);
        for (int k = 0; k < d; k++) {
            double s = 0;
            for (int t = 0; t < len - 2; t++) {
                s += enc[t][k];
            }
            out[3 * d + k] = (float) (s / (len - 2));
        }
        return out;
    }

    private static float[] max(float[][] enc, int from, int to, int d) {
        float[] m = new float[d];
        java.util.Arrays.fill(m, Float.NEGATIVE_INFINITY);
        for (int t = from; t < to; t++) {
            for (int k = 0; k < d; k++) {
                m[k] = Math.max(m[k], enc[t][k]);
            }
        }
        return m;
    }

    /**
     * {@code get_embedding.py --output_type gene} for cell {@code cell}: the decoder context embedding of every listed
     * gene, [genes][decoder dim] (one cell per call, as officially). Needs {@code optVersion("gene")}.
     */
    public float[][] geneEmbeddings(AtlasData atlas, int cell) {
        if (ckpt.decoder() == null) {
            throw new ModelException("gene outputs use the 'gene' model of models.ckpt with its decoder: build the model"
                    + " with optVersion(\"gene\") (this handle loaded '" + ckpt.key() + "')");
        }
        GeneAlignment.Aligned p = align(atlas);
        float[] full = positionValues(p.counts().matrix(), cell, p.columns());
        float[][] out = runtime.geneOutputs(full, ScFoundationInput.gather(full));
        return java.util.Arrays.copyOf(out, genes().size());
    }

    /** Hidden states: 0 = token + position embedding, i = after encoder layer i, the last after the encoder norm. */
    @Override
    public HiddenStates hiddenStates(List<CellTokens> cells, int... layers) {
        return runner.hidden(cells, layers, "scfoundation hidden states");
    }

    /** scFoundation's static gene embeddings: the positional-embedding row of each listed gene. */
    @Override
    public GeneEmbeddings embedGenes() {
        float[][] pos = ckpt.weights().get(7).toFloatMatrix();
        return geneRows(pos);
    }
}
