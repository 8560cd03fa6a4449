package org.scjava.models;

import org.scjava.dsl.api.GeneMatch;
import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.Matrix;
import org.scjava.models.api.CellTokens;
import org.scjava.models.api.GeneEmbeddings;
import org.scjava.models.api.GeneVocabulary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * A model with one input position per gene of a fixed list (scBERT, scFoundation): the list, its vocabulary, the
 * alignment of an Atlas to it ({@link GeneAlignment}) and the gene-match check before embedding. Subclasses set the
 * list once while loading.
 */
public abstract class GeneListModel extends AbstractModel {

    private final String expectedGenes;
    private List<String> genes;
    private GeneVocabulary vocab;

    /** {@code expectedGenes}: which identifiers the list holds, for the gene-match message ("human gene symbols ..."). */
    protected GeneListModel(GeneListBuilder<?> builder, String expectedGenes) {
        super(builder);
        this.expectedGenes = expectedGenes;
    }

    /** Called once while loading: the model's genes in input order; returns them. */
    protected final List<String> setGenes(List<String> list) {
        this.genes = list;
        this.vocab = GeneAlignment.vocabulary(list);
        return list;
    }

    /** The model's genes in input order. */
    public List<String> genes() {
        return genes;
    }

    @Override
    public GeneVocabulary vocabulary() {
        return vocab;
    }

    /** The counts of {@code atlas}, each list gene's data column, and the gene match. */
    protected GeneAlignment.Aligned align(AtlasData atlas) {
        return GeneAlignment.align(atlas, options(), genes, vocab, expectedGenes);
    }

    /** One cell's value at every position of the list, from its counts, as the model's preprocessing computes it. */
    protected abstract float[] positionValues(Matrix counts, int cell, int[] columns);

    /** {@link #positionValues} of every cell of {@code atlas}: [cells][positions], the inputs before tokenisation. */
    protected final float[][] allPositionValues(AtlasData atlas) {
        GeneAlignment.Aligned p = align(atlas);
        float[][] out = new float[atlas.nObs()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = positionValues(p.counts().matrix(), i, p.columns());
        }
        return out;
    }

    /** Every cell's tokens, made from its position values one cell at a time (the values of all cells are large). */
    protected final List<CellTokens> cellTokens(GeneAlignment.Aligned p, int nCells, Function<float[], CellTokens> tokens) {
        List<CellTokens> out = new ArrayList<>(nCells);
        for (int i = 0; i < nCells; i++) {
            out.add(tokens.apply(positionValues(p.counts().matrix(), i, p.columns())));
        }
        return out;
    }

    @Override
    public GeneMatch matchGenes(AtlasData atlas) {
        return align(atlas).match();
    }

    /** Checks the gene match, then embeds the tokenized cells. */
    @Override
    public float[][] embedCells(AtlasData atlas) {
        matchGenes(atlas).check(name());
        return embedTokens(tokenize(atlas).cells());
    }

    /** The first {@code genes().size()} rows of a per-position {@code table}, labelled with the genes. */
    protected GeneEmbeddings geneRows(float[][] table) {
        return new GeneEmbeddings(genes.toArray(String[]::new), Arrays.copyOf(table, genes.size()));
    }
}
