package org.scjava.dsl.tasks;

import org.scjava.dsl.core.AtlasData;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cross-species label transfer: the labelled reference (e.g. a mouse atlas) is mapped to the query's species through
 * the ortholog table ({@link ToSpecies}, one-to-one orthologs by default, the mapping rate recorded), then labels are
 * transferred by reference mapping in a shared space ({@link ReferenceMapping}: PCA on the reference's HVGs among the
 * genes both share, or a foundation-model embedding of the mapped genes) with a confidence per cell.
 *
 * <p><b>Reads</b> the query's and the reference's counts (or log-normalised X) and the reference's label column.
 * <b>Writes</b> what {@link ZeroShotAnnotation} writes (obs["predicted_cell_type"], obs["predicted_confidence"],
 * uns["annotate_zero_shot"] with the gene-mapping provenance) and {@code uns["transfer_from"] = {reference_species,
 * query_species, genes_mapped, genes_total, mapping_rate, shared_genes}}.
 */
public final class TransferFrom {

    /** The reference's label column, the ortholog table (null = bundled) and the mapping/voting options. */
    public record Options(String labelColumn, Orthologs orthologs, ToSpecies.Options species,
                          ReferenceMapping.Options mapping) {
        public static Options defaults() {
            return new Options("cell_type", null, ToSpecies.Options.defaults(), ReferenceMapping.Options.defaults());
        }

        public Options withLabelColumn(String v) {
            return new Options(v, orthologs, species, mapping);
        }

        public Options withOrthologs(Orthologs v) {
            return new Options(labelColumn, v, species, mapping);
        }

        public Options withSpecies(ToSpecies.Options v) {
            return new Options(labelColumn, orthologs, v, mapping);
        }

        public Options withMapping(ReferenceMapping.Options v) {
            return new Options(labelColumn, orthologs, species, v);
        }
    }

    private TransferFrom() {
    }

    public static AtlasData apply(AtlasData query, AtlasData reference, Options o) {
        long start = System.nanoTime();
        Orthologs table = o.orthologs() != null ? o.orthologs() : Orthologs.bundled();
        String querySpecies = ToSpecies.speciesOf(query, table);
        String referenceSpecies = ToSpecies.speciesOf(reference, table);
        AtlasData mapped = ToSpecies.apply(reference, querySpecies, table, o.species());
        ZeroShotAnnotation.withReference(query, mapped, o.labelColumn(), o.mapping());
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("reference_species", referenceSpecies);
        info.put("query_species", querySpecies);
        if (mapped.uns().get("to_species") instanceof Map<?, ?> m) {
            info.put("genes_total", m.get("genes_total"));
            info.put("genes_mapped", m.get("genes_mapped"));
            info.put("mapping_rate", m.get("mapping_rate"));
            info.put("policy", m.get("policy"));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> params = (Map<String, Object>) ((Map<String, Object>) query.uns()
                .get(ZeroShotAnnotation.UNS_KEY)).get("params");
        info.put("shared_genes", params.get("shared_genes"));
        query.uns().put("transfer_from", info);
        return query.record("transferFrom", info, start, "labels from the " + referenceSpecies + " reference's obs['"
                + o.labelColumn() + "'] via " + info.get("genes_mapped") + " mapped genes ("
                + info.get("shared_genes") + " shared with the query)");
    }
}
