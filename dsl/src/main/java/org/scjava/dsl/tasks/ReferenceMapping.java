package org.scjava.dsl.tasks;

import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.atlas.AtlasException;
import org.scjava.dsl.atlas.CsrMatrix;
import org.scjava.dsl.atlas.DenseMatrix;
import org.scjava.dsl.atlas.Matrix;
import org.scjava.dsl.atlas.MemoryBudget;
import org.scjava.dsl.baselines.HvgPcaSpace;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reference mapping: put a labelled reference and the query in one space, then transfer labels by a cosine kNN vote
 * ({@link KnnLabelVote}, scGPT's reference-mapping recipe). The space is either the classical baseline
 * ({@link HvgPcaSpace}: the reference's HVGs and PCA, the query projected onto it, over the genes both share) or an
 * embedding both Atlases already hold, e.g. {@code obsm["X_scgpt"]} after {@code embed(model)} on each.
 */
public final class ReferenceMapping {

    /** Which space the vote runs in. */
    public enum Space { BASELINE, EMBEDDING }

    /** {@code minSharedGenes}: the baseline space refuses fewer genes shared by query and reference. */
    public record Options(Space space, String embeddingKey, KnnLabelVote.Options vote, HvgPcaSpace.Options baseline,
                          int minSharedGenes) {
        public static Options defaults() {
            return new Options(Space.BASELINE, null, KnnLabelVote.Options.defaults(), HvgPcaSpace.Options.defaults(), 200);
        }

        /** Vote in {@code obsm[key]} of both Atlases (e.g. "X_scgpt") instead of the baseline space. */
        public Options withEmbedding(String key) {
            return new Options(Space.EMBEDDING, key, vote, baseline, minSharedGenes);
        }

        public Options withBaseline(HvgPcaSpace.Options v) {
            return new Options(Space.BASELINE, null, vote, v, minSharedGenes);
        }

        public Options withVote(KnnLabelVote.Options v) {
            return new Options(space, embeddingKey, v, baseline, minSharedGenes);
        }

        public Options withK(int k) {
            return withVote(vote.withK(k));
        }

        public Options withUnknownThreshold(double t) {
            return withVote(vote.withUnknownThreshold(t));
        }

        public Options withMinSharedGenes(int v) {
            return new Options(space, embeddingKey, vote, baseline, v);
        }
    }

    /** Transferred labels and confidences, the space's description and the number of genes shared. */
    public record Result(String[] labels, double[] confidence, String space, int sharedGenes, int spaceGenes, int dims) {
    }

    private ReferenceMapping() {
    }

    public static Result map(Atlas query, Atlas reference, String labelColumn, Options o) {
        if (!reference.obs().containsColumn(labelColumn)) {
            throw new AtlasException("annotateZeroShot: the reference has no obs column '" + labelColumn + "'; available: "
                    + reference.obs().columnNames().subList(1, reference.obs().columnCount()));
        }
        String[] refLabels = reference.obsStrings(labelColumn);
        List<String> shared = sharedGenes(query, reference);
        DenseMatrix q;
        DenseMatrix r;
        String space;
        int spaceGenes;
        if (o.space() == Space.EMBEDDING) {
            q = embedding(query, o.embeddingKey(), "query");
            r = embedding(reference, o.embeddingKey(), "reference");
            space = "obsm['" + o.embeddingKey() + "']";
            spaceGenes = -1;
        } else {
            if (shared.size() < o.minSharedGenes()) {
                throw new AtlasException("annotateZeroShot: the query and the reference share only " + shared.size()
                        + " genes (minimum " + o.minSharedGenes() + "); are both of one species and named alike (symbols vs "
                        + "Ensembl IDs)? map species with toSpecies(...)");
            }
            HvgPcaSpace s = HvgPcaSpace.fit(reference, shared, o.baseline());
            r = s.project(reference, "reference");
            q = s.project(query, "query");
            space = "HVG+PCA baseline (" + s.genes().size() + " reference HVGs, " + s.dims() + " PCs)";
            spaceGenes = s.genes().size();
        }
        KnnLabelVote.Result v = KnnLabelVote.transfer(r, refLabels, q, o.vote());
        return new Result(v.labels(), v.confidence(), space, shared.size(), spaceGenes, q.nCols());
    }

    private static List<String> sharedGenes(Atlas query, Atlas reference) {
        Set<String> ref = reference.varIndex().keySet();
        List<String> out = new ArrayList<>();
        for (String g : new java.util.LinkedHashSet<>(query.varNames())) {
            if (ref.contains(g)) {
                out.add(g);
            }
        }
        return out;
    }

    private static DenseMatrix embedding(Atlas atlas, String key, String which) {
        if (key == null || !atlas.obsm().containsKey(key)) {
            throw new AtlasException("annotateZeroShot: the " + which + " has no obsm[\"" + key + "\"] (available: "
                    + atlas.obsm().keySet() + "); embed query and reference with the same model first");
        }
        Matrix m = atlas.obsm(key);
        return m instanceof DenseMatrix d ? d : ((CsrMatrix) m).toDense(MemoryBudget.defaults(), which + " obsm['" + key + "']");
    }
}
