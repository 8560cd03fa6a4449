package org.scjava.dsl.tasks;

import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.History;
import org.scjava.dsl.core.Matrix;
import org.scjava.dsl.core.Raw;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps an Atlas's genes to another species through an ortholog table, returning a new Atlas whose genes are the
 * target species' symbols, so every other verb (and a reference of that species) accepts it: {@code
 * mouse.toSpecies("human").annotateZeroShot(humanReference, "cell_type")}. The usual first step of cross-species
 * label transfer (e.g. SAMap and CellTypist's {@code Model.convert} start from the Ensembl ortholog table).
 *
 * <p>The source species is {@code uns["species"]} when set, otherwise the one whose symbols match more var names.
 * An Atlas already of the target species is returned as a copy. With the default one-to-one policy each mapped
 * gene keeps its column; with many-to-one, source genes sharing a target are summed.
 *
 * <p><b>Reads</b> X, layers, raw, and the gene symbols (var index or {@code Options.geneColumn}). <b>Writes</b> a new
 * Atlas: X/layers/raw over the mapped genes, var index = target symbols and {@code var["<source>_symbol"]}, obs,
 * obsm, obsp and uns carried over (varm/varp dropped: they are per source gene), {@code uns["species"]} and
 * {@code uns["to_species"] = {source_species, target_species, policy, genes_total, genes_mapped, mapping_rate,
 * table}}; the history is carried over and the mapping recorded. <b>Memory</b>: one copy of X and layers.
 */
public final class ToSpecies {

    private static final Logger LOG = LoggerFactory.getLogger(ToSpecies.class);

    /** {@code minGenesMapped}: refuse below this many mapped genes; {@code geneColumn}: null = var index. */
    public record Options(Orthologs.Policy policy, int minGenesMapped, String geneColumn) {
        public static Options defaults() {
            return new Options(Orthologs.Policy.ONE_TO_ONE, 50, null);
        }

        public Options withPolicy(Orthologs.Policy v) {
            return new Options(v, minGenesMapped, geneColumn);
        }

        public Options withMinGenesMapped(int v) {
            return new Options(policy, v, geneColumn);
        }

        /** A var column holding gene symbols, for an Atlas indexed by Ensembl IDs. */
        public Options withGeneColumn(String v) {
            return new Options(policy, minGenesMapped, v);
        }
    }

    private ToSpecies() {
    }

    public static AtlasData apply(AtlasData atlas, String targetSpecies, Orthologs table, Options o) {
        long start = System.nanoTime();
        String target = Orthologs.canonical(targetSpecies);
        if (!table.species().contains(target)) {
            throw new AtlasException("toSpecies: unknown species '" + targetSpecies + "'; the ortholog table ("
                    + table.source() + ") maps " + String.join(" and ", table.species()));
        }
        List<String> genes = symbols(atlas, o.geneColumn());
        String source = speciesOf(atlas, genes, table);
        if (source.equals(target)) {
            LOG.info("toSpecies: the Atlas already has {} genes; returning a copy", target);
            return atlas.copy();
        }
        Map<String, String> map = table.mapping(source, target, o.policy());
        Map<String, Integer> targetIndex = new LinkedHashMap<>();
        Map<String, List<String>> sources = new LinkedHashMap<>();
        int[] col = new int[genes.size()];
        for (int j = 0; j < genes.size(); j++) {
            String t = map.get(genes.get(j));
            if (t == null || (o.policy() == Orthologs.Policy.ONE_TO_ONE && targetIndex.containsKey(t))) {
                col[j] = -1; // no ortholog, or a duplicated var name mapping twice under 1:1
                continue;
            }
            col[j] = targetIndex.computeIfAbsent(t, k -> targetIndex.size());
            sources.computeIfAbsent(t, k -> new ArrayList<>()).add(genes.get(j));
        }
        int mapped = targetIndex.size();
        int sourceMapped = (int) java.util.Arrays.stream(col).filter(c -> c >= 0).count();
        double rate = sourceMapped / (double) genes.size();
        if (mapped < o.minGenesMapped()) {
            throw new AtlasException(String.format(Locale.ROOT, "toSpecies: only %d of %d %s genes have a %s %s "
                    + "ortholog (minimum %d); check that var names are %s gene symbols, or try policy many_to_one",
                    sourceMapped, genes.size(), source, o.policy().name().toLowerCase(Locale.ROOT), target,
                    o.minGenesMapped(), source));
        }
        if (rate < 0.5) {
            LOG.warn("toSpecies: only {}% of {} genes mapped to {} orthologs", Math.round(rate * 100), source, target);
        }
        AtlasData out = build(atlas, col, sources, source, target);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("source_species", source);
        info.put("target_species", target);
        info.put("policy", o.policy().name().toLowerCase(Locale.ROOT));
        info.put("genes_total", genes.size());
        info.put("genes_mapped", sourceMapped);
        info.put("target_genes", mapped);
        info.put("mapping_rate", rate);
        info.put("table", table.source());
        out.uns().put("species", target);
        out.uns().put("to_species", info);
        return out.record("toSpecies", info, start, String.format(Locale.ROOT,
                "mapped %d of %d %s genes (%.1f%%) to %d %s genes", sourceMapped, genes.size(), source, rate * 100,
                mapped, target));
    }

    private static AtlasData build(AtlasData atlas, int[] col, Map<String, List<String>> sources, String source, String target) {
        int nt = sources.size();
        String[] names = sources.keySet().toArray(String[]::new);
        String[] from = sources.values().stream().map(l -> String.join(",", l)).toArray(String[]::new);
        Table var = Table.create("var", StringColumn.create(atlas.varIndexName(), names),
                StringColumn.create(source + "_symbol", from));
        AtlasData copy = atlas.copy(); // deep-copies uns and obs; matrices are shared (immutable)
        AtlasData out = new AtlasData(ColumnMap.apply(atlas.x(), col, nt), copy.obs(), var);
        for (var e : atlas.layers().entrySet()) {
            out.putLayer(e.getKey(), ColumnMap.apply(e.getValue(), col, nt));
        }
        copy.obsm().forEach(out::putObsm);
        copy.obsp().forEach(out::putObsp);
        out.uns().putAll(copy.uns());
        out.obsCategories().putAll(copy.obsCategories());
        if (atlas.raw() != null) {
            out.setRaw(rawMapped(atlas.raw(), source, target, sources));
        }
        for (History.Entry e : atlas.history().entries()) {
            out.history().add(e);
        }
        out.setSource(atlas.source());
        return out;
    }

    /** raw over the same target genes (absent source genes give empty columns, so raw and X keep one gene list). */
    private static Raw rawMapped(Raw raw, String source, String target, Map<String, List<String>> sources) {
        List<String> rawGenes = raw.var().stringColumn(0).asList();
        Map<String, Integer> targetOf = new LinkedHashMap<>();
        int t = 0;
        for (var e : sources.entrySet()) {
            for (String g : e.getValue()) {
                targetOf.put(g, t);
            }
            t++;
        }
        int[] col = new int[rawGenes.size()];
        for (int j = 0; j < col.length; j++) {
            col[j] = targetOf.getOrDefault(rawGenes.get(j), -1);
        }
        Matrix x = ColumnMap.apply(raw.x(), col, sources.size());
        Table var = Table.create("var", StringColumn.create(raw.var().column(0).name(),
                sources.keySet().toArray(String[]::new)));
        LOG.debug("toSpecies: mapped raw from {} to {} genes ({} -> {})", rawGenes.size(), sources.size(), source, target);
        return new Raw(x, var, Map.of());
    }

    private static List<String> symbols(AtlasData atlas, String geneColumn) {
        if (geneColumn == null) {
            return atlas.varNames();
        }
        String[] out = new String[atlas.nVars()];
        var c = atlas.varColumn(geneColumn);
        for (int j = 0; j < out.length; j++) {
            out[j] = c.getString(j);
        }
        return List.of(out);
    }

    /** The species of an Atlas's var names (see {@link #speciesOf(Atlas, List, Orthologs)}). */
    static String speciesOf(AtlasData atlas, Orthologs table) {
        return speciesOf(atlas, atlas.varNames(), table);
    }

    /** uns["species"] when set; otherwise the table species whose symbols match more of {@code genes}. */
    static String speciesOf(AtlasData atlas, List<String> genes, Orthologs table) {
        Object declared = atlas.uns().get("species");
        if (declared instanceof String s && !s.isBlank()) {
            String c = Orthologs.canonical(s);
            if (!table.species().contains(c)) {
                throw new AtlasException("toSpecies: the Atlas is declared as species '" + s + "' (uns[\"species\"]) "
                        + "but the ortholog table maps " + String.join(" and ", table.species()));
            }
            return c;
        }
        String best = null;
        int bestHits = 0;
        int[] hits = new int[2];
        for (int s = 0; s < 2; s++) {
            Set<String> known = table.symbols(table.species().get(s));
            for (String g : genes) {
                hits[s] += known.contains(g) ? 1 : 0;
            }
            if (hits[s] > bestHits) {
                bestHits = hits[s];
                best = table.species().get(s);
            }
        }
        if (best == null) {
            throw new AtlasException("toSpecies: none of the " + genes.size() + " var names (e.g. "
                    + genes.subList(0, Math.min(3, genes.size())) + ") is a " + String.join(" or ", table.species())
                    + " gene symbol in the ortholog table; use Options.withGeneColumn(...) for a var column of symbols, "
                    + "or set uns[\"species\"]");
        }
        return best;
    }
}
