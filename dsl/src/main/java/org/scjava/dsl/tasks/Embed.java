package org.scjava.dsl.tasks;

import org.scjava.dsl.api.CellEmbedder;
import org.scjava.dsl.api.GeneMatch;
import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.DenseMatrix;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code embed}: cell embeddings from a foundation model, as scGPT's {@code scgpt.tasks.embed_data} (Cui et al. 2024,
 * doi:10.1038/s41592-024-02201-0) and Geneformer's {@code EmbExtractor} (Theodoris et al. 2023,
 * doi:10.1038/s41586-023-06139-9) compute them; the model handle decides tokenisation, layer and pooling.
 *
 * <p><b>Reads</b> raw counts ({@code layers["counts"]} when present, else {@code X}) and the gene identifiers in var.
 * <b>Writes</b> {@code obsm["X_<model>"]} (n_obs × d, float32) and one history entry with the model's provenance
 * (checkpoint sha256, vocabulary size, seed, device, batch size, settings) and the gene match (matched / in data /
 * rate). Refuses below 1 % of genes matched, warns below 50 %. Memory: n_obs × d floats plus one batch of
 * activations (sized by the model's memory guard).
 */
public final class Embed {

    private Embed() {
    }

    /** Embeds into {@code obsm["X_" + model.name()]}. */
    public static AtlasData embed(AtlasData atlas, CellEmbedder model) {
        return embed(atlas, model, "X_" + model.name());
    }

    /** The history parameters of an embedding: the model's provenance, the gene match and the key written. */
    public static Map<String, Object> provenance(CellEmbedder model, GeneMatch match, String keyAdded) {
        Map<String, Object> params = new LinkedHashMap<>(model.provenance());
        params.put("genes_matched", match.matched());
        params.put("genes_in_data", match.total());
        params.put("gene_match_rate", match.rate());
        params.put("gene_key", match.key());
        params.put("key_added", keyAdded);
        return params;
    }

    public static AtlasData embed(AtlasData atlas, CellEmbedder model, String keyAdded) {
        long start = System.nanoTime();
        GeneMatch match = model.matchGenes(atlas);
        match.refuseIfUnusable(model.name());
        float[][] emb = model.embedCells(atlas);
        atlas.putObsm(keyAdded, DenseMatrix.of(emb));
        Map<String, Object> params = provenance(model, match, keyAdded);
        int d = emb.length == 0 ? 0 : emb[0].length;
        return atlas.record("embed", params, start, "wrote obsm['" + keyAdded + "'] (" + emb.length + " x " + d + ")");
    }
}
