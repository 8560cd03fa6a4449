package org.scjava.models.geneformer;

import org.scjava.dsl.api.GeneMatch;
import org.scjava.dsl.core.AtlasData;
import org.scjava.models.AbstractModel;
import org.scjava.models.AtlasInput;
import org.scjava.models.ModelBuilder;
import org.scjava.models.ModelFiles;
import org.scjava.models.ModelOptions;
import org.scjava.models.api.CellTokens;
import org.scjava.models.api.CheckpointException;
import org.scjava.models.api.GeneEmbeddings;
import org.scjava.models.api.GeneVocabulary;
import org.scjava.models.api.HiddenStates;
import org.scjava.models.api.ModelCard;
import org.scjava.models.api.TokenizedCells;
import org.scjava.models.io.Checksums;
import org.scjava.models.io.SafeTensors;
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
 * Geneformer V1 and V2 (Theodoris et al. 2023, doi:10.1038/s41586-023-06139-9) from {@code config.json},
 * {@code model.safetensors} or {@code pytorch_model.bin} and the tokenizer dictionaries. Cell embeddings follow
 * {@code EmbExtractor} defaults (ctheodoris/Geneformer {@code geneformer/emb_extractor.py}): rank-value encoding
 * ({@link GeneformerTokenizer}), the HF BERT encoder (ReLU), hidden state {@code num_layers + emb_layer} with
 * {@code emb_layer = -1} (the second-to-last layer's output), {@code <cls>} pooling for V2 and mean pooling over genes
 * for V1, no normalisation. Create with {@link #builder()} or {@code Models.geneformer(dir)}.
 */
public final class GeneformerModel extends AbstractModel {

    private static final String KIND = "geneformer";

    private final Path checkpoint;
    private final GeneformerConfig config;
    private final GeneformerDictionaries dicts;
    private final GeneformerTokenizer tokenizer;
    private final EncoderSpec spec;
    private final TransformerRuntime runtime;
    private final BatchRunner runner;
    private final Pooling pooling;
    private final int hiddenIndex;
    private final int embLayer;
    private final String weightPrefix;

    private GeneformerModel(Builder b) {
        super(b);
        Path dir = ModelFiles.directory(b.directory, KIND);
        this.config = GeneformerConfig.read(ModelFiles.require(dir, KIND, "config.json"));
        this.dicts = GeneformerDictionaries.read(
                b.tokenDictionary != null ? b.tokenDictionary : ModelFiles.require(dir, KIND, "token_dictionary.pkl"),
                b.medians != null ? b.medians : ModelFiles.require(dir, KIND, "gene_median_dictionary.pkl"),
                b.mapping != null ? b.mapping : ModelFiles.optional(dir, "ensembl_mapping_dict.pkl"),
                b.names != null ? b.names : ModelFiles.optional(dir, "gene_name_id_dict.pkl"));
        this.checkpoint = b.checkpoint != null ? dir.resolve(b.checkpoint)
                : ModelFiles.require(dir, KIND, "model.safetensors", "pytorch_model.bin");
        StateDict sd = checkpoint.getFileName().toString().endsWith(".safetensors")
                ? SafeTensors.read(checkpoint) : TorchCheckpoint.readStateDict(checkpoint);
        GeneformerCheckpoint.Loaded loaded = GeneformerCheckpoint.load(sd, config);
        this.weightPrefix = loaded.prefix();
        if (dicts.tokens().size() > config.vocabSize()) {
            throw new CheckpointException("token dictionary has ids up to " + (dicts.tokens().size() - 1)
                    + " but config.json vocab_size is " + config.vocabSize() + " — dictionary and model do not belong together");
        }
        this.pooling = b.pooling != null ? b.pooling : dicts.hasSpecialTokens() ? Pooling.CLS : Pooling.MEAN;
        if (pooling == Pooling.CLS && !dicts.hasSpecialTokens()) {
            throw new IllegalArgumentException("CLS pooling needs a V2 token dictionary with <cls>/<eos>; this is a V1"
                    + " dictionary, whose official extractor always mean-pools (Pooling.MEAN)");
        }
        this.embLayer = b.embLayer;
        this.hiddenIndex = config.numLayers() + b.embLayer;
        if (b.embLayer > 0 || hiddenIndex < 0) {
            throw new IllegalArgumentException("emb layer " + b.embLayer + " must be in -" + config.numLayers()
                    + "..0 (-1 = second-to-last layer, the official default; 0 = last layer)");
        }
        int inputSize = b.modelInputSize > 0 ? b.modelInputSize : config.maxPositions();
        if (inputSize > config.maxPositions()) {
            throw new IllegalArgumentException("model input size " + inputSize + " exceeds max_position_embeddings "
                    + config.maxPositions());
        }
        this.tokenizer = new GeneformerTokenizer(dicts, inputSize);
        this.spec = new EncoderSpec(EncoderSpec.InputStyle.BERT, config.hiddenSize(), config.numHeads(),
                config.numLayers(), config.intermediateSize(), config.layerNormEps(), "gelu".equals(config.hiddenAct()),
                config.maxPositions());
        this.runtime = own(Runtimes.transformer(spec, loaded.weights(), options().placement(),
                "Geneformer model from " + dir));
        this.runner = new BatchRunner(runtime, spec, options().batchSize(), options().maxTokensPerBatch());
        setCard(new ModelCard(name(), KIND, dir.toString(), config.raw(), checkpoint.getFileName().toString(),
                Checksums.sha256(checkpoint), config.vocabSize(), loaded.ignoredKeys(), settings(inputSize)));
    }

    private Map<String, Object> settings(int inputSize) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("version", dicts.hasSpecialTokens() ? "V2 (<cls>/<eos>)" : "V1");
        s.put("emb_layer", embLayer);
        s.put("hidden_state", hiddenIndex);
        s.put("pooling", pooling.name().toLowerCase(java.util.Locale.ROOT));
        s.put("model_input_size", inputSize);
        s.put("gene_names", dicts.symbolSource());
        return s;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder: {@code setDirectory} is required; everything else is optional with the official defaults. */
    public static final class Builder extends ModelBuilder<Builder> {
        private Path directory;
        private int embLayer = -1;
        private Pooling pooling;
        private String checkpoint;
        private Path tokenDictionary;
        private Path medians;
        private Path mapping;
        private Path names;
        private int modelInputSize;

        Builder() {
            super(KIND);
        }

        public Builder setDirectory(Path dir) {
            this.directory = dir;
            return this;
        }

        /** {@code EmbExtractor}'s {@code emb_layer}: -1 (default, second-to-last layer) or 0 (last) or lower. */
        public Builder optEmbLayer(int layer) {
            this.embLayer = layer;
            return this;
        }

        /** CLS (V2 default) or MEAN (V1 default, and V2 {@code emb_mode="cell"}). */
        public Builder optPooling(Pooling p) {
            this.pooling = p;
            return this;
        }

        /** Weights file name() in the directory (default: model.safetensors, else pytorch_model.bin). */
        public Builder optCheckpoint(String fileName) {
            this.checkpoint = fileName;
            return this;
        }

        public Builder optTokenDictionary(Path p) {
            this.tokenDictionary = p;
            return this;
        }

        public Builder optGeneMedians(Path p) {
            this.medians = p;
            return this;
        }

        public Builder optEnsemblMapping(Path p) {
            this.mapping = p;
            return this;
        }

        /** Symbol → Ensembl ID dictionary (default: the directory's gene_name_id_dict.pkl, else the bundled V1 one). */
        public Builder optGeneNames(Path p) {
            this.names = p;
            return this;
        }

        /** Tokens per cell including specials (default: max_position_embeddings: 2048 V1, 4096 V2). */
        public Builder optModelInputSize(int n) {
            this.modelInputSize = n;
            return this;
        }

        public GeneformerModel build() {
            required(directory, "setDirectory");
            return new GeneformerModel(this);
        }
    }

    @Override
    public GeneVocabulary vocabulary() {
        return dicts.tokens();
    }

    @Override
    public int numLayers() {
        return spec.layers();
    }

    public EncoderSpec spec() {
        return spec;
    }

    /** Token, median, alias and symbol dictionaries (token ↔ Ensembl ID for perturbation tasks). */
    public GeneformerDictionaries dictionaries() {
        return dicts;
    }

    public GeneformerTokenizer tokenizer() {
        return tokenizer;
    }

    /** The hidden-state index used for cell embeddings ({@code num_layers + emb_layer}). */
    @Override
    public int embeddingHiddenState() {
        return hiddenIndex;
    }

    public Pooling pooling() {
        return pooling;
    }

    @Override
    public GeneMatch matchGenes(AtlasData atlas) {
        return GeneformerInput.prepare(atlas, options(), dicts).match();
    }

    @Override
    public int[] columnTokens(AtlasData atlas) {
        return GeneformerInput.prepare(atlas, options(), dicts).columnTokens().clone();
    }

    @Override
    public float[] poolCell(float[][] states, CellTokens cell) {
        return pool(states, cell, dicts.tokens().id(GeneformerDictionaries.CLS),
                dicts.tokens().id(GeneformerDictionaries.EOS));
    }

    @Override
    public TokenizedCells tokenize(AtlasData atlas) {
        GeneformerInput in = GeneformerInput.prepare(atlas, options(), dicts);
        List<CellTokens> cells = tokenizer.tokenize(in.counts().matrix(), in.columnTokens(), in.nCounts());
        return new TokenizedCells(cells, in.match(), runner.plan(cells, 1));
    }

    @Override
    public float[][] embedCells(AtlasData atlas) {
        GeneformerInput in = GeneformerInput.prepare(atlas, options(), dicts);
        in.match().check(name());
        return embedTokens(tokenizer.tokenize(in.counts().matrix(), in.columnTokens(), in.nCounts()));
    }

    @Override
    public float[][] embedTokens(List<CellTokens> cells) {
        int cls = dicts.tokens().id(GeneformerDictionaries.CLS);
        int eos = dicts.tokens().id(GeneformerDictionaries.EOS);
        return runner.pooled(cells, hiddenIndex, (states, cell) -> pool(states, cell, cls, eos), "embed " + name());
    }

    private float[] pool(float[][] states, CellTokens cell, int cls, int eos) {
        int[] ids = cell.ids();
        if (pooling == Pooling.CLS) {
            if (ids[0] != cls) {
                throw new IllegalArgumentException("CLS pooling needs <cls> as the first token; this list starts with " + ids[0]);
            }
            return states[0].clone();
        }
        int from = cls >= 0 && ids[0] == cls ? 1 : 0;
        int to = eos >= 0 && ids[ids.length - 1] == eos ? ids.length - 1 : ids.length;
        float[] out = new float[states[0].length];
        if (to <= from) {
            return out;
        }
        double[] sum = new double[out.length];
        for (int t = from; t < to; t++) {
            for (int k = 0; k < out.length; k++) {
                sum[k] += states[t][k];
            }
        }
        for (int k = 0; k < out.length; k++) {
            out[k] = (float) (sum[k] / (to - from));
        }
        return out;
    }

    @Override
    public HiddenStates hiddenStates(List<CellTokens> cells, int... layers) {
        return runner.hidden(cells, layers, "geneformer hidden states");
    }

    /** The input word embeddings of every gene token (static; special tokens excluded), re-read from the checkpoint. */
    @Override
    public GeneEmbeddings embedGenes() {
        StateDict sd = checkpoint.getFileName().toString().endsWith(".safetensors")
                ? SafeTensors.read(checkpoint) : TorchCheckpoint.readStateDict(checkpoint);
        float[][] table = sd.get(weightPrefix + "embeddings.word_embeddings.weight").toFloatMatrix();
        List<String> genes = new ArrayList<>();
        List<float[]> rows = new ArrayList<>();
        for (var e : dicts.tokens().asMap().entrySet()) {
            if (!e.getKey().startsWith("<")) {
                genes.add(e.getKey());
                rows.add(table[e.getValue()]);
            }
        }
        return new GeneEmbeddings(genes.toArray(String[]::new), rows.toArray(float[][]::new));
    }
}
