package org.scjava.models.scgpt;

import org.scjava.dsl.api.GeneMatch;
import org.scjava.dsl.core.AtlasData;
import org.scjava.models.AbstractModel;
import org.scjava.models.AtlasInput;
import org.scjava.models.ModelBuilder;
import org.scjava.models.ModelFiles;
import org.scjava.models.ModelOptions;
import org.scjava.models.api.CellTokens;
import org.scjava.models.api.GeneEmbeddings;
import org.scjava.models.api.GeneVocabulary;
import org.scjava.models.api.HiddenStates;
import org.scjava.models.api.ModelCard;
import org.scjava.models.api.TokenizedCells;
import org.scjava.models.io.Checksums;
import org.scjava.models.io.StateDict;
import org.scjava.models.io.TorchCheckpoint;
import org.scjava.models.runtime.BatchRunner;
import org.scjava.models.runtime.EncoderSpec;
import org.scjava.models.runtime.Runtimes;
import org.scjava.models.runtime.TransformerRuntime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * scGPT (Cui et al. 2024, doi:10.1038/s41592-024-02201-0) from the files users download: {@code args.json},
 * {@code vocab.json}, {@code best_model.pt}. Cell embeddings follow {@code scgpt.tasks.embed_data}
 * (bowang-lab/scGPT {@code scgpt/tasks/cell_emb.py}): raw counts of in-vocabulary genes, per-cell binning,
 * {@code <cls>} first, the transformer encoder (post-LN, ReLU), the {@code <cls>} output of the last layer,
 * L2-normalised. Create with {@link #builder()} or {@code Models.scGPT(dir)}.
 */
public final class ScGptModel extends AbstractModel {

    private static final String KIND = "scgpt";

    private final Path checkpoint;
    private final ScGptConfig config;
    private final GeneVocabulary vocab;
    private final EncoderSpec spec;
    private final TransformerRuntime runtime;
    private final BatchRunner runner;
    private final ScGptTokenizer tokenizer;

    private ScGptModel(Builder b) {
        super(b);
        Path dir = ModelFiles.directory(b.directory, KIND);
        this.config = ScGptConfig.read(ModelFiles.require(dir, KIND, "args.json"));
        this.vocab = ScGptVocab.read(ModelFiles.require(dir, KIND, "vocab.json"), config.padToken());
        this.checkpoint = ModelFiles.require(dir, KIND, "best_model.pt", "model.pt");
        ScGptCheckpoint.Loaded loaded = ScGptCheckpoint.load(TorchCheckpoint.readStateDict(checkpoint), config, vocab.size());
        this.spec = new EncoderSpec(EncoderSpec.InputStyle.SCGPT, config.embsize(), config.nheads(), config.nlayers(),
                config.dHid(), 1e-5, false, 0);
        this.tokenizer = new ScGptTokenizer(vocab, config.padValue(), b.maxLength, b.ties, options().seed());
        this.runtime = own(Runtimes.transformer(spec, loaded.weights(), options().placement(),
                "scGPT model from " + dir));
        this.runner = new BatchRunner(runtime, spec, options().batchSize(), options().maxTokensPerBatch());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("max_length", b.maxLength);
        settings.put("bin_ties", b.ties.name().toLowerCase(java.util.Locale.ROOT));
        settings.put("pooling", "<cls> of last layer, L2-normalised");
        setCard(new ModelCard(name(), KIND, dir.toString(), config.raw(), checkpoint.getFileName().toString(),
                Checksums.sha256(checkpoint), vocab.size(), loaded.ignoredKeys(), settings));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder: {@code setDirectory} is required, the {@code opt} settings are optional. */
    public static final class Builder extends ModelBuilder<Builder> {
        private Path directory;
        private int maxLength = 1200;
        private ValueBinning.Ties ties = ValueBinning.Ties.UPPER;

        Builder() {
            super(KIND);
        }

        public Builder setDirectory(Path dir) {
            this.directory = dir;
            return this;
        }

        /** Longest input including {@code <cls>} ({@code embed_data}'s {@code max_length}, default 1200). */
        public Builder optMaxLength(int n) {
            this.maxLength = n;
            return this;
        }

        /** Tie handling in binning: UPPER (default, deterministic) or RANDOM (official, seeded). */
        public Builder optBinTies(ValueBinning.Ties t) {
            this.ties = Objects.requireNonNull(t);
            return this;
        }

        public ScGptModel build() {
            required(directory, "setDirectory");
            return new ScGptModel(this);
        }
    }

    @Override
    public GeneVocabulary vocabulary() {
        return vocab;
    }

    @Override
    public int numLayers() {
        return spec.layers();
    }

    public EncoderSpec spec() {
        return spec;
    }

    @Override
    public GeneMatch matchGenes(AtlasData atlas) {
        return prepare(atlas).match;
    }

    private record Prepared(AtlasInput.Counts counts, int[] columnIds, GeneMatch match) {
    }

    private Prepared prepare(AtlasData atlas) {
        AtlasInput.Counts counts = AtlasInput.counts(atlas, options().countsLayer());
        AtlasInput.GeneKey key = AtlasInput.geneKey(atlas, options().geneColumn(), vocab::contains);
        int[] ids = tokenizer.columnIds(key.ids());
        int matched = 0;
        for (int id : ids) {
            matched += id >= 0 ? 1 : 0;
        }
        GeneMatch match = new GeneMatch(matched, ids.length, key.source() + ", counts from " + counts.source(),
                "human gene symbols as in its vocab.json (e.g. CD3E)");
        return new Prepared(counts, ids, match);
    }

    @Override
    public int[] columnTokens(AtlasData atlas) {
        return prepare(atlas).columnIds().clone();
    }

    @Override
    public float[] poolCell(float[][] states, CellTokens cell) {
        return l2Normalised(states[0]);
    }

    @Override
    public TokenizedCells tokenize(AtlasData atlas) {
        Prepared p = prepare(atlas);
        List<CellTokens> cells = tokenizer.tokenize(p.counts.matrix(), p.columnIds);
        return new TokenizedCells(cells, p.match, runner.plan(cells, 1));
    }

    @Override
    public float[][] embedCells(AtlasData atlas) {
        Prepared p = prepare(atlas);
        p.match.check(name());
        return embedTokens(tokenizer.tokenize(p.counts.matrix(), p.columnIds));
    }

    @Override
    public float[][] embedTokens(List<CellTokens> cells) {
        return runner.pooled(cells, spec.layers(), (states, cell) -> l2Normalised(states[0]), "embed " + name());
    }

    /** {@code embed_data} divides by the Euclidean norm of each {@code <cls>} vector. */
    static float[] l2Normalised(float[] v) {
        double ss = 0;
        for (float x : v) {
            ss += (double) x * x;
        }
        float norm = (float) Math.sqrt(ss);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] / norm;
        }
        return out;
    }

    @Override
    public HiddenStates hiddenStates(List<CellTokens> cells, int... layers) {
        return runner.hidden(cells, layers, "scgpt hidden states");
    }

    /** The two halves of the input embedding per cell: [cell][0 = gene part, 1 = value part][token][dim]. */
    public float[][][][] inputParts(List<CellTokens> cells) {
        float[][][][] out = new float[cells.size()][][][];
        runner.run(cells, new boolean[spec.layers() + 1], true, "scgpt input embedding", (c, s) -> out[c] = s);
        return out;
    }

    /**
     * scGPT's gene embeddings as its GRN tutorial takes them ({@code model.encoder(gene_ids)}): the embedding rows
     * after the encoder LayerNorm, for every vocabulary gene (special tokens excluded). Re-reads the checkpoint
     * rather than keeping a heap copy of the table.
     */
    @Override
    public GeneEmbeddings embedGenes() {
        StateDict sd = TorchCheckpoint.readStateDict(checkpoint).renamed(ScGptCheckpoint::torchName);
        long d = config.embsize();
        float[][] table = sd.get("encoder.embedding.weight", vocab.size(), d).toFloatMatrix();
        float[] w = sd.get("encoder.enc_norm.weight", d).toFloatArray();
        float[] bias = sd.get("encoder.enc_norm.bias", d).toFloatArray();
        List<String> genes = new ArrayList<>();
        List<float[]> rows = new ArrayList<>();
        for (int id = 0; id < vocab.size(); id++) {
            String g = vocab.token(id);
            if (g != null && !g.equals(config.padToken()) && !g.equals(ScGptVocab.CLS) && !g.equals(ScGptVocab.EOC)) {
                genes.add(g);
                rows.add(layerNorm(table[id], w, bias, 1e-5));
            }
        }
        return new GeneEmbeddings(genes.toArray(String[]::new), rows.toArray(float[][]::new));
    }

    static float[] layerNorm(float[] x, float[] w, float[] b, double eps) {
        double mean = 0;
        for (float v : x) {
            mean += v;
        }
        mean /= x.length;
        double var = 0;
        for (float v : x) {
            var += (v - mean) * (v - mean);
        }
        var /= x.length;
        double inv = 1.0 / Math.sqrt(var + eps);
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) ((x[i] - mean) * inv * w[i] + b[i]);
        }
        return out;
    }
}
