package org.scjava.models.torchscript;

import org.scjava.dsl.api.GeneMatch;
import org.scjava.dsl.core.AtlasData;
import org.scjava.models.AbstractModel;
import org.scjava.models.AtlasInput;
import org.scjava.models.ModelBuilder;
import org.scjava.models.ModelOptions;
import org.scjava.models.api.CellTokens;
import org.scjava.models.api.CheckpointException;
import org.scjava.models.io.CheckpointFiles;
import org.scjava.models.api.GeneEmbeddings;
import org.scjava.models.api.GeneVocabulary;
import org.scjava.models.api.HiddenStates;
import org.scjava.models.api.ModelCard;
import org.scjava.models.api.ModelException;
import org.scjava.models.api.TokenizedCells;
import org.scjava.models.io.Checksums;
import org.scjava.models.runtime.Batching;
import org.scjava.models.runtime.Runtimes;
import org.scjava.models.runtime.ScriptRuntime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A user's own exported model ({@code torch.jit.script(model).save("model.pt")}) used as a cell embedder, with this
 * contract: {@code forward(x)} takes float32 {@code [cells, genes]} values and returns {@code [cells, d]} (or a tuple
 * whose first element is that). The input genes come from a text file beside the model ({@code <stem>.genes.txt} or
 * {@code genes.txt}, one identifier per line, in input order); genes missing from the data are fed as zeros. Without
 * that file the model receives every var column in order. Values are the raw counts (see {@link ModelOptions}); put
 * any normalisation inside the exported module. A TorchScript module is opaque, so it has no hidden states or gene
 * table.
 */
public final class TorchScriptModel extends AbstractModel {

    private static final String KIND = "torchscript";

    private final ScriptRuntime runtime;
    private final List<String> inputGenes;
    private final GeneVocabulary vocab;

    private TorchScriptModel(Builder b) {
        super(b);
        Path file = b.file;
        if (!Files.isRegularFile(file)) {
            throw new CheckpointException("TorchScript file " + file.toAbsolutePath() + " does not exist");
        }
        this.inputGenes = readGenes(b.genes != null ? b.genes : genesFile(file));
        Map<String, Integer> ids = new LinkedHashMap<>();
        if (inputGenes != null) {
            for (int i = 0; i < inputGenes.size(); i++) {
                ids.putIfAbsent(inputGenes.get(i), i);
            }
        }
        this.vocab = new GeneVocabulary(ids);
        this.runtime = own(Runtimes.torchScript(file, options().device(), options().threads(), "TorchScript model " + file));
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("input_genes", inputGenes == null ? "all var columns" : inputGenes.size() + " from genes file");
        settings.put("methods", runtime.methods());
        setCard(new ModelCard(name(), KIND, file.toString(), Map.of(), file.getFileName().toString(),
                Checksums.sha256(file), ids.size(), List.of(), settings));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder: {@code setFile} is required. */
    public static final class Builder extends ModelBuilder<Builder> {
        private Path file;
        private Path genes;

        Builder() {
            super(KIND);
        }

        public Builder setFile(Path f) {
            this.file = f;
            return this;
        }

        /** The input gene list (default: {@code <stem>.genes.txt} or {@code genes.txt} beside the model, if present). */
        public Builder optGenes(Path f) {
            this.genes = f;
            return this;
        }

        public TorchScriptModel build() {
            required(file, "setFile");
            return new TorchScriptModel(this);
        }
    }

    private static Path genesFile(Path model) {
        String stem = model.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        Path own = model.resolveSibling(stem + ".genes.txt");
        Path shared = model.resolveSibling("genes.txt");
        return Files.isRegularFile(own) ? own : Files.isRegularFile(shared) ? shared : null;
    }

    private static List<String> readGenes(Path f) {
        if (f == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String line : CheckpointFiles.readText(f, "gene list").split("\\R")) {
            if (!line.isBlank()) {
                out.add(line.trim());
            }
        }
        if (out.isEmpty()) {
            throw new CheckpointException(f + " lists no genes");
        }
        return out;
    }

    @Override
    public GeneVocabulary vocabulary() {
        return vocab;
    }

    @Override
    public int numLayers() {
        return 0;
    }

    /** Input position of each var column (-1 when the model does not take it). */
    private int[] columnPositions(AtlasInput.GeneKey key) {
        int[] pos = new int[key.ids().length];
        for (int j = 0; j < pos.length; j++) {
            pos[j] = inputGenes == null ? j : vocab.id(key.ids()[j]);
        }
        return pos;
    }

    @Override
    public GeneMatch matchGenes(AtlasData atlas) {
        if (inputGenes == null) {
            return new GeneMatch(atlas.nVars(), atlas.nVars(), "all var columns", "its training genes in order");
        }
        AtlasInput.GeneKey key = AtlasInput.geneKey(atlas, options().geneColumn(), vocab::contains);
        int matched = 0;
        for (int p : columnPositions(key)) {
            matched += p >= 0 ? 1 : 0;
        }
        return new GeneMatch(matched, atlas.nVars(), key.source(), "the genes listed in its genes.txt");
    }

    /** One {@link CellTokens} per cell: ids = input positions of the cell's non-zero genes, values = counts. */
    @Override
    public TokenizedCells tokenize(AtlasData atlas) {
        AtlasInput.Counts counts = AtlasInput.counts(atlas, options().countsLayer());
        AtlasInput.GeneKey key = inputGenes == null ? new AtlasInput.GeneKey(new String[atlas.nVars()], "all var columns")
                : AtlasInput.geneKey(atlas, options().geneColumn(), vocab::contains);
        int[] pos = columnPositions(key);
        List<CellTokens> cells = new ArrayList<>(atlas.nObs());
        for (int r = 0; r < atlas.nObs(); r++) {
            AtlasInput.Row nz = AtlasInput.nonZeros(counts.matrix(), r);
            int[] ids = new int[nz.size()];
            float[] vals = new float[nz.size()];
            int n = 0;
            for (int k = 0; k < nz.size(); k++) {
                int p = pos[nz.columns()[k]];
                if (p >= 0) {
                    ids[n] = p;
                    vals[n++] = nz.values()[k];
                }
            }
            cells.add(new CellTokens(java.util.Arrays.copyOf(ids, n), java.util.Arrays.copyOf(vals, n)));
        }
        return new TokenizedCells(cells, matchGenes(atlas),
                Batching.plan(new int[cells.size()], options().batchSize(), Long.MAX_VALUE));
    }

    @Override
    public float[][] embedCells(AtlasData atlas) {
        matchGenes(atlas).check(name());
        if (inputGenes == null) {
            return embedTokens(tokenize(atlas).cells(), atlas.nVars());
        }
        return embedTokens(tokenize(atlas).cells());
    }

    @Override
    public float[][] embedTokens(List<CellTokens> cells) {
        if (inputGenes == null) {
            throw new ModelException("this TorchScript model has no genes.txt, so its input width is unknown; use"
                    + " embedCells(atlas) or give the gene list with TorchScriptModel.builder().optGenes(file)");
        }
        return embedTokens(cells, inputGenes.size());
    }

    private float[][] embedTokens(List<CellTokens> cells, int width) {
        float[][] out = new float[cells.size()][];
        try (org.scjava.dsl.core.Progress progress = org.scjava.dsl.core.Progress.start("embed " + name(), cells.size(), "cells")) {
            for (int from = 0; from < cells.size(); from += options().batchSize()) {
                int to = Math.min(cells.size(), from + options().batchSize());
                float[][] x = new float[to - from][width];
                for (int i = from; i < to; i++) {
                    CellTokens c = cells.get(i);
                    for (int k = 0; k < c.length(); k++) {
                        x[i - from][c.ids()[k]] = c.values()[k];
                    }
                }
                float[][] y = runtime.forward(x);
                System.arraycopy(y, 0, out, from, y.length);
                progress.step(to - from);
            }
        }
        return out;
    }

    @Override
    public HiddenStates hiddenStates(List<CellTokens> cells, int... layers) {
        throw new UnsupportedOperationException("a TorchScript model is opaque: it exposes no per-layer hidden states");
    }

    @Override
    public GeneEmbeddings embedGenes() {
        throw new UnsupportedOperationException("a TorchScript model has no gene embedding table scjava can read");
    }
}
