package org.scjava.dsl.baselines;

import org.junit.jupiter.api.Test;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.tasks.programs.GeneProgramsResult;
import org.scjava.testing.Resources;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Co-expression gene programs on the bundled PBMC 4k cells: known cell-type programs with their GO terms. */
class ExpressionGeneProgramsIT {

    @Test
    void pbmcProgramsRecoverKnownBiology() {
        Atlas pbmc = Atlas.load(Resources.data("pbmc4k_soupx_2170cells_counts.h5ad"));
        GeneProgramsResult r = ExpressionGenePrograms.apply(pbmc, ExpressionGenePrograms.Options.defaults());
        Map<String, List<String>> modules = r.moduleGenes();
        assertTrue(modules.size() >= 4, r.toString());
        assertTrue(r.nEnrichedModules() >= 3, r.toString());
        // the interferon-stimulated genes form one module, enriched for the antiviral response
        String isg = moduleOf(modules, "ISG15");
        assertTrue(modules.get(isg).containsAll(List.of("IFI6", "MX1")), modules.get(isg).toString());
        Table isgTerms = r.enrichment().where(r.enrichment().stringColumn("module").isEqualTo(isg));
        assertTrue(isgTerms.stringColumn("set_name").asList().stream().anyMatch(t -> t.contains("virus")
                || t.contains("interferon")), isgTerms.print());
        // B-cell genes share a module enriched for B-cell terms
        String b = moduleOf(modules, "CD79A");
        assertEquals(b, moduleOf(modules, "MS4A1"));
        Table bTerms = r.enrichment().where(r.enrichment().stringColumn("module").isEqualTo(b));
        assertTrue(bTerms.stringColumn("set_name").asList().stream().anyMatch(t -> t.contains("B cell")),
                bTerms.print());
        // coherence of real modules is positive; scores and uns written; group means by cell_type
        assertTrue(r.meanCoherence() > 0.02, r.toString());
        assertTrue(pbmc.obs().containsColumn("gene_programs_expression_" + b));
        assertNotNull(pbmc.uns().get("gene_programs_expression"));
        assertEquals(pbmc.obs().stringColumn("cell_type").unique().size(), r.groupScores().rowCount());
        int bRow = r.groupScores().stringColumn("cell_type").indexOf("B");
        double bScoreInB = r.groupScores().doubleColumn("program_" + b).get(bRow);
        assertEquals(bScoreInB, r.groupScores().doubleColumn("program_" + b).max(), 1e-12,
                "the B-cell program scores highest in B cells");
        assertTrue(r.heatmap().toPng().length > 5000);
    }

    private static String moduleOf(Map<String, List<String>> modules, String gene) {
        return modules.entrySet().stream().filter(e -> e.getValue().contains(gene)).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new AssertionError(gene + " is in no module: " + modules.keySet()));
    }
}
