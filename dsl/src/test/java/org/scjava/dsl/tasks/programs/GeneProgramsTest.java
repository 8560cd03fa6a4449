package org.scjava.dsl.tasks.programs;

import org.junit.jupiter.api.Test;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.baselines.ExpressionGenePrograms;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.CsrMatrix;
import org.scjava.dsl.core.DenseMatrix;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Module recovery on planted co-expression, coherence against a direct Pearson computation, and error paths. */
class GeneProgramsTest {

    /** 300 cells × 60 genes: genes 0-19 follow factor A, 20-39 factor B, 40-59 are noise; integer counts. */
    private static Atlas planted() {
        Random rnd = new Random(5);
        int cells = 300;
        int genes = 60;
        float[] x = new float[cells * genes];
        for (int c = 0; c < cells; c++) {
            double a = rnd.nextDouble() < 0.5 ? 6 : 0.5;
            double b = rnd.nextDouble() < 0.5 ? 6 : 0.5;
            for (int g = 0; g < genes; g++) {
                double mean = g < 20 ? a : g < 40 ? b : 2;
                x[c * genes + g] = poisson(rnd, mean);
            }
        }
        List<String> names = new ArrayList<>();
        for (int g = 0; g < genes; g++) {
            names.add((g < 20 ? "A" : g < 40 ? "B" : "N") + g);
        }
        List<String> cellNames = new ArrayList<>();
        List<String> type = new ArrayList<>();
        for (int c = 0; c < cells; c++) {
            cellNames.add("c" + c);
            type.add(c % 2 == 0 ? "even" : "odd");
        }
        return new Atlas(CsrMatrix.fromDense(cells, genes, x), Table.create("obs",
                StringColumn.create("cell", cellNames), StringColumn.create("cell_type", type)),
                Table.create("var", StringColumn.create("gene", names)));
    }

    private static float poisson(Random rnd, double mean) {
        double l = Math.exp(-mean);
        double p = 1;
        int k = 0;
        do {
            k++;
            p *= rnd.nextDouble();
        } while (p > l);
        return k - 1;
    }

    @Test
    void correlatedGenesFormTheirOwnModules() {
        Atlas a = planted();
        List<String> genes = a.varNames();
        GeneSets sets = GeneSets.of("planted", Map.of("SET_A", genes.subList(0, 20), "SET_B", genes.subList(20, 40)));
        GeneProgramsResult r = ExpressionGenePrograms.apply(a, ExpressionGenePrograms.Options.defaults()
                .withGenes(genes).withPrograms(GenePrograms.Options.defaults().withGeneSets(sets)
                        .withEnrichment(Enrichment.Options.defaults().withSetSize(5, 100))
                        .withModules(GeneModules.Options.defaults().withNNeighbors(8))));
        String ma = moduleOf(r, "A0");
        String mb = moduleOf(r, "B20");
        assertTrue(!ma.equals(mb), r.moduleGenes().toString());
        assertTrue(r.moduleGenes().get(ma).containsAll(genes.subList(0, 20)), r.toString());
        assertTrue(r.moduleGenes().get(mb).containsAll(genes.subList(20, 40)), r.toString());
        Table enr = r.enrichment();
        assertEquals("SET_A", enr.where(enr.stringColumn("module").isEqualTo(ma)).stringColumn("set_id").get(0));
        assertEquals("SET_B", enr.where(enr.stringColumn("module").isEqualTo(mb)).stringColumn("set_id").get(0));
        assertTrue(a.obs().containsColumn("gene_programs_" + ma), a.obs().columnNames().toString());
        assertEquals(2, r.groupScores().rowCount());
    }

    @Test
    void coherenceIsTheMeanPairwisePearsonCorrelation() {
        Atlas a = planted();
        List<String> module = List.of("A0", "A1", "A2", "B20", "N45");
        GeneProfiles p = GeneProfiles.of(a, a.varNames(), 10_000, 0);
        Map<String, Integer> row = new java.util.HashMap<>();
        for (int i = 0; i < p.genes().size(); i++) {
            row.put(p.genes().get(i), i);
        }
        var logX = GeneProfiles.logExpression(a);
        double sum = 0;
        int n = 0;
        for (int i = 0; i < module.size(); i++) {
            for (int j = i + 1; j < module.size(); j++) {
                sum += pearson(column(logX, row.get(module.get(i))), column(logX, row.get(module.get(j))));
                n++;
            }
        }
        assertEquals(sum / n, p.coherence(module, row), 1e-5);
    }

    @Test
    void errorsNameTheProblem() {
        Atlas a = planted();
        Atlas scaled = new Atlas(new DenseMatrix(2, 2, new float[] {0.5f, -1, 2, 0}), null, null);
        AtlasException e = assertThrows(AtlasException.class, () -> GeneProfiles.logExpression(scaled));
        assertTrue(e.getMessage().contains("non-integer") && e.getMessage().contains("log1p"), e.getMessage());
        e = assertThrows(AtlasException.class, () -> GeneModules.find(DenseMatrix.zeros(5, 3), List.of("a", "b"),
                GeneModules.Options.defaults()));
        assertTrue(e.getMessage().contains("5 gene vectors but 2 gene names"), e.getMessage());
        e = assertThrows(AtlasException.class, () -> ExpressionGenePrograms.apply(a,
                ExpressionGenePrograms.Options.defaults().withGenes(List.of("A0", "nope"))));
        assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
        GeneProgramsResult noGroups = new GeneProgramsResult("x", List.of(), Table.create("m"),
                Table.create("s", StringColumn.create("module"), tech.tablesaw.api.IntColumn.create("n_enriched_sets"),
                        tech.tablesaw.api.DoubleColumn.create("coherence")), Table.create("e"), null, Map.of());
        e = assertThrows(AtlasException.class, noGroups::heatmap);
        assertTrue(e.getMessage().contains("withGroupBy"), e.getMessage());
    }

    private static String moduleOf(GeneProgramsResult r, String gene) {
        return r.moduleGenes().entrySet().stream().filter(x -> x.getValue().contains(gene)).findFirst()
                .orElseThrow().getKey();
    }

    private static double[] column(org.scjava.dsl.core.Matrix m, int j) {
        double[] out = new double[m.nRows()];
        float[] row = new float[m.nCols()];
        for (int i = 0; i < out.length; i++) {
            m.rowInto(i, row);
            out[i] = row[j];
        }
        return out;
    }

    private static double pearson(double[] a, double[] b) {
        return org.scjava.dsl.baselines.PerturbationEvaluationAccess.pearson(a, b);
    }
}
