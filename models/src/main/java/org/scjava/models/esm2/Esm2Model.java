package org.scjava.models.esm2;

import org.scjava.dsl.api.GeneMatch;
import org.scjava.dsl.api.ProteinEmbedder;
import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.io.Fasta;
import org.scjava.models.AbstractModel;
import org.scjava.models.ModelBuilder;
import org.scjava.models.api.CellTokens;
import org.scjava.models.api.FoundationModel;
import org.scjava.models.api.GeneEmbeddings;
import org.scjava.models.api.GeneVocabulary;
import org.scjava.models.api.HiddenStates;
import org.scjava.models.api.ModelCard;
import org.scjava.models.api.ModelException;
import org.scjava.models.api.TokenizedCells;
import org.scjava.models.io.Checksums;
import org.scjava.models.runtime.BatchRunner;
import org.scjava.models.runtime.EncoderSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ESM-2 (Lin et al. 2023, doi:10.1126/science.ade2574) loaded from the official checkpoint file
 * ({@code esm2_t6_8M_UR50D.pt} and larger; facebookresearch/esm {@code pretrained.load_model_and_alphabet_local})
 * and run on libtorch: per-residue, mean-pooled and {@code <cls>} embeddings exactly as {@code scripts/extract.py}
 * computes them ({@code repr_layers} default: the last layer, after {@code emb_layer_norm_after};
 * {@code truncation_seq_length} 1022; {@code toks_per_batch} 4096). Batching sorts by length and never changes
 * results beyond float rounding.
 *
 * <p>It is a {@link FoundationModel} so {@code Models.load("esm2", ...)} and {@code %model load esm2} can hand it
 * out like the cell models: the token-level methods ({@link #embedTokens}, {@link #hiddenStates}, {@link #embedGenes})
 * work on residue tokens; the cell-level ones ({@link #embedCells}, {@link #tokenize}, {@link #matchGenes}) refuse
 * with an error that points to {@code atlas.attachProteinEmbeddings(model, fasta)}.
 */
public final class Esm2Model extends AbstractModel implements ProteinEmbedder {

    private static final String KIND = "esm2";

    private final Esm2Checkpoint ckpt;
    private final BatchRunner runner;
    private final int truncation;
    private final int layer;
    private final Esm2Alphabet alphabet = Esm2Alphabet.esm1b();

    private Esm2Model(Builder b) {
        super(b);
        this.truncation = b.truncation;
        this.ckpt = Esm2Checkpoint.read(b.checkpoint);
        if (b.layer < -(ckpt.layers() + 1) || b.layer > ckpt.layers()) {
            throw new IllegalArgumentException("layer " + b.layer + " outside -" + (ckpt.layers() + 1) + ".." + ckpt.layers());
        }
        this.layer = (b.layer + ckpt.layers() + 1) % (ckpt.layers() + 1);   // extract.py's repr_layers mapping
        EncoderSpec spec = new EncoderSpec(EncoderSpec.InputStyle.BERT, ckpt.dim(), ckpt.heads(), ckpt.layers(),
                4 * ckpt.dim(), 1e-5, true, 0);
        Esm2Runtime runtime = own(new Esm2Runtime(ckpt, options().device(), options().threads(),
                "ESM-2 model from " + b.checkpoint));
        this.runner = new BatchRunner(runtime, spec, options().batchSize(), b.toksPerBatch);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("layer", layer);
        settings.put("truncation_seq_length", truncation);
        settings.put("toks_per_batch", b.toksPerBatch);
        settings.put("pooling", "mean over residues 1..len (extract.py mean_representations)");
        Path weights = Esm2Files.weights(b.checkpoint);
        setCard(new ModelCard(name(), KIND, b.checkpoint.toString(), ckpt.config(),
                weights.getFileName().toString(), Checksums.sha256(weights), alphabet.size(),
                ckpt.ignoredKeys(), settings));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder: {@code setCheckpoint} is required, the {@code opt} settings are optional. */
    public static final class Builder extends ModelBuilder<Builder> {
        private Path checkpoint;
        private int truncation = 1022;
        private int layer = -1;
        private long toksPerBatch = 4096;

        public Builder() {
            super(KIND);
        }

        /**
         * The {@code .pt} file, a Hugging Face directory ({@code config.json} with {@code model.safetensors} or
         * {@code pytorch_model.bin}), or a directory holding exactly one {@code esm2*.pt}.
         */
        public Builder setCheckpoint(Path p) {
            this.checkpoint = Esm2Files.checkpoint(p);
            return this;
        }

        /** Longest residue list kept ({@code --truncation_seq_length}, default 1022). */
        public Builder optTruncation(int n) {
            if (n <= 0) {
                throw new IllegalArgumentException("truncation must be positive, got " + n);
            }
            this.truncation = n;
            return this;
        }

        /** Representation layer ({@code --repr_layers}): 0 = embedding, i = after layer i, -1 = last (default). */
        public Builder optLayer(int l) {
            this.layer = l;
            return this;
        }

        /** Most padded tokens per batch ({@code --toks_per_batch}, default 4096). */
        public Builder optToksPerBatch(long n) {
            this.toksPerBatch = n;
            return this;
        }

        public Esm2Model build() {
            required(checkpoint, "setCheckpoint");
            return new Esm2Model(this);
        }
    }

    @Override
    public int dim() {
        return ckpt.dim();
    }

    @Override
    public int numLayers() {
        return ckpt.layers();
    }

    @Override
    public GeneVocabulary vocabulary() {
        Map<String, Integer> ids = new LinkedHashMap<>();
        List<String> toks = alphabet.tokens();
        for (int i = 0; i < toks.size(); i++) {
            ids.put(toks.get(i), i);
        }
        return new GeneVocabulary(ids);
    }

    private ModelException notForCells() {
        return new ModelException("ESM-2 embeds protein sequences, not cells: use"
                + " atlas.attachProteinEmbeddings(model, \"proteins.fasta\") to give genes protein embeddings (varm),"
                + " or model.embed(Path.of(\"proteins.fasta\")) for per-residue and mean embeddings");
    }

    @Override
    public GeneMatch matchGenes(AtlasData atlas) {
        throw notForCells();
    }

    @Override
    public TokenizedCells tokenize(AtlasData atlas) {
        throw notForCells();
    }

    @Override
    public float[][] embedCells(AtlasData atlas) {
        throw notForCells();
    }

    /** Mean-pooled embeddings (residues 1..len of the chosen layer) of token lists made by {@link #tokenize(List, List)}. */
    @Override
    public float[][] embedTokens(List<CellTokens> tokens) {
        return embedTokenLists(tokens).mean;
    }

    /** Per-token representations (0 = scaled embedding, i = after layer i, the last after the final norm). */
    @Override
    public HiddenStates hiddenStates(List<CellTokens> tokens, int... layers) {
        return runner.hidden(tokens, layers, "esm2 hidden states");
    }

    /** The token embedding table (one row per alphabet token, {@code embed_tokens.weight}). */
    @Override
    public GeneEmbeddings embedGenes() {
        float[][] table = ckpt.weights().get(0).toFloatMatrix();
        return new GeneEmbeddings(alphabet.tokens().toArray(String[]::new), table);
    }

    /** Token ids per record: {@code <cls>}, the residues truncated to the limit, {@code <eos>}. */
    public List<CellTokens> tokenize(List<String> labels, List<String> sequences) {
        List<CellTokens> out = new ArrayList<>(sequences.size());
        for (int i = 0; i < sequences.size(); i++) {
            int[] enc = alphabet.encode(sequences.get(i), labels.get(i));
            int n = Math.min(enc.length, truncation);
            if (n == 0) {
                throw new ModelException("protein '" + labels.get(i) + "' has no residues");
            }
            int[] ids = new int[n + 2];
            ids[0] = alphabet.cls();
            System.arraycopy(enc, 0, ids, 1, n);
            ids[n + 1] = alphabet.eos();
            out.add(new CellTokens(ids, null));
        }
        return out;
    }

    /** Embeddings of FASTA records (see {@link ProteinEmbeddings}). */
    public ProteinEmbeddings embed(List<Fasta.Record> records) {
        List<String> labels = records.stream().map(Fasta.Record::label).toList();
        return embed(labels, records.stream().map(Fasta.Record::sequence).toList());
    }

    /** Embeddings of a FASTA file. */
    public ProteinEmbeddings embed(Path fasta) {
        return embed(Fasta.read(fasta));
    }

    public ProteinEmbeddings embed(List<String> labels, List<String> sequences) {
        HiddenRows rows = embedTokenLists(tokenize(labels, sequences));
        return new ProteinEmbeddings(labels, layer, rows.perResidue, rows.mean, rows.bos);
    }

    private HiddenRows embedTokenLists(List<CellTokens> tokens) {
        HiddenRows rows = new HiddenRows(tokens.size());
        boolean[] flags = new boolean[ckpt.layers() + 1];
        flags[layer] = true;
        runner.run(tokens, flags, false, "embed proteins with " + name(), (i, states) -> rows.put(i, states[0]));
        return rows;
    }

    /** Splits one sequence's states into the residue rows, their mean and the {@code <cls>} row. */
    private static final class HiddenRows {
        final float[][][] perResidue;
        final float[][] mean;
        final float[][] bos;

        HiddenRows(int n) {
            perResidue = new float[n][][];
            mean = new float[n][];
            bos = new float[n][];
        }

        void put(int i, float[][] states) {
            int len = states.length - 2;
            float[][] res = java.util.Arrays.copyOfRange(states, 1, len + 1);
            double[] sum = new double[states[0].length];
            for (float[] r : res) {
                for (int k = 0; k < sum.length; k++) {
                    sum[k] += r[k];
                }
            }
            float[] m = new float[sum.length];
            for (int k = 0; k < m.length; k++) {
                m[k] = (float) (sum[k] / len);
            }
            perResidue[i] = res;
            mean[i] = m;
            bos[i] = states[0];
        }
    }

    @Override
    public float[][] embedProteins(List<String> labels, List<String> sequences) {
        return embed(labels, sequences).mean();
    }

    /** The shared entries without the seed (ESM-2 inference draws nothing), plus the number of layers. */
    @Override
    public Map<String, Object> provenance() {
        Map<String, Object> p = super.provenance();
        p.remove("seed");
        p.put("layers", ckpt.layers());
        return p;
    }
}
