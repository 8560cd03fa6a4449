package org.scjava.dsl.tasks.programs;

import org.apache.commons.statistics.distribution.HypergeometricDistribution;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.tl.RankTests;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Over-representation analysis: a one-sided hypergeometric test of each gene module against each gene set, with
 * Benjamini–Hochberg adjustment per module, as Bioconductor clusterProfiler's {@code enricher} (Yu et al. 2012,
 * doi:10.1089/omi.2011.0118) does: the universe is the genes the modules were drawn from, sets are restricted to it
 * and kept with {@code minSetSize..maxSetSize} genes left, and only sets sharing at least one gene with the module
 * are tested (and counted for BH). {@code p = P(X ≥ k)}, X ~ Hypergeometric(N = universe, K = set, n = module), via
 * commons-statistics (R's {@code phyper(k - 1, K, N - K, n, lower.tail = FALSE)}).
 */
public final class Enrichment {

    /** Set-size range after restriction to the universe, and the adjusted p-value up to which rows are kept. */
    public record Options(int minSetSize, int maxSetSize, int minOverlap, double maxPAdjust) {
        public static Options defaults() {
            return new Options(10, 500, 2, 0.05);
        }

        public Options withSetSize(int min, int max) {
            return new Options(min, max, minOverlap, maxPAdjust);
        }

        /** Rows with fewer shared genes are dropped from the table (they are still tested and counted for BH). */
        public Options withMinOverlap(int v) {
            return new Options(minSetSize, maxSetSize, v, maxPAdjust);
        }

        /** Keep rows with BH-adjusted p ≤ v (1 keeps every tested pair). */
        public Options withMaxPAdjust(double v) {
            return new Options(minSetSize, maxSetSize, minOverlap, v);
        }
    }

    private Enrichment() {
    }

    /**
     * Tests every module (name → genes) against {@code sets} within {@code universe}. Rows are sorted by module
     * (in map order), then p-value. Columns: module, set_id, set_name, module_size, set_size, overlap, universe,
     * fold_enrichment, p_value, p_adj, genes (shared genes, comma-separated).
     */
    public static Table test(Map<String, ? extends Collection<String>> modules, Collection<String> universe,
                             GeneSets sets, Options o) {
        Set<String> u = new LinkedHashSet<>(universe);
        if (u.isEmpty()) {
            throw new AtlasException("enrichment: the gene universe is empty");
        }
        GeneSets restricted = sets.restrictTo(u, o.minSetSize(), o.maxSetSize());
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, ? extends Collection<String>> m : modules.entrySet()) {
            rows.addAll(testModule(m.getKey(), m.getValue(), u, restricted, o));
        }
        return toTable(rows);
    }

    /** One tested (module, set) pair. */
    private record Row(String module, GeneSet set, int moduleSize, int overlap, int universe, double p, double pAdj,
                       List<String> shared) {
    }

    private static List<Row> testModule(String name, Collection<String> genes, Set<String> universe,
                                        GeneSets sets, Options o) {
        List<String> module = genes.stream().filter(universe::contains).distinct().toList();
        List<String> outside = genes.stream().filter(g -> !universe.contains(g)).limit(3).toList();
        if (!outside.isEmpty()) {
            throw new AtlasException("enrichment: module '" + name + "' has genes outside the universe, e.g. "
                    + outside + "; the universe must contain every module gene");
        }
        Set<String> inModule = new HashSet<>(module);
        int nU = universe.size();
        List<Row> tested = new ArrayList<>();
        for (GeneSet s : sets.sets()) {
            List<String> shared = s.genes().stream().filter(inModule::contains).toList();
            if (shared.isEmpty()) {
                continue;
            }
            double p = HypergeometricDistribution.of(nU, s.size(), module.size())
                    .survivalProbability(shared.size() - 1);
            tested.add(new Row(name, s, module.size(), shared.size(), nU, p, Double.NaN, shared));
        }
        double[] adj = RankTests.benjaminiHochberg(tested.stream().mapToDouble(Row::p).toArray());
        List<Row> kept = new ArrayList<>();
        for (int i = 0; i < tested.size(); i++) {
            Row r = tested.get(i);
            if (adj[i] <= o.maxPAdjust() && r.overlap() >= o.minOverlap()) {
                kept.add(new Row(r.module(), r.set(), r.moduleSize(), r.overlap(), nU, r.p(), adj[i], r.shared()));
            }
        }
        kept.sort((a, b) -> Double.compare(a.p(), b.p()));
        return kept;
    }

    private static Table toTable(List<Row> rows) {
        StringColumn module = StringColumn.create("module");
        StringColumn id = StringColumn.create("set_id");
        StringColumn term = StringColumn.create("set_name");
        IntColumn moduleSize = IntColumn.create("module_size");
        IntColumn setSize = IntColumn.create("set_size");
        IntColumn overlap = IntColumn.create("overlap");
        IntColumn universe = IntColumn.create("universe");
        DoubleColumn fold = DoubleColumn.create("fold_enrichment");
        DoubleColumn p = DoubleColumn.create("p_value");
        DoubleColumn pAdj = DoubleColumn.create("p_adj");
        StringColumn genes = StringColumn.create("genes");
        for (Row r : rows) {
            module.append(r.module());
            id.append(r.set().id());
            term.append(r.set().name());
            moduleSize.append(r.moduleSize());
            setSize.append(r.set().size());
            overlap.append(r.overlap());
            universe.append(r.universe());
            fold.append(r.overlap() / ((double) r.moduleSize() * r.set().size() / r.universe()));
            p.append(r.p());
            pAdj.append(r.pAdj());
            genes.append(String.join(",", r.shared()));
        }
        return Table.create("enrichment", module, id, term, moduleSize, setSize, overlap, universe, fold, p, pAdj,
                genes);
    }
}
