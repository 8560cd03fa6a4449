package org.scjava.dsl.tasks.programs;

import org.junit.jupiter.api.Test;
import org.scjava.dsl.core.AtlasException;
import tech.tablesaw.api.Table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hypergeometric + BH against R (stats::phyper, p.adjust) values made by programs/enrichment_reference.R. */
class EnrichmentTest {

    private static Path resource(String name) throws Exception {
        return Path.of(EnrichmentTest.class.getResource("/programs/" + name).toURI());
    }

    @Test
    void matchesRPhyperAndBenjaminiHochberg() throws Exception {
        GeneSets sets = GeneSets.read(resource("sets.gmt"));
        assertEquals(40, sets.size());
        Map<String, List<String>> modules = new LinkedHashMap<>();
        for (String line : Files.readAllLines(resource("modules.tsv")).subList(1, 92)) {
            String[] f = line.split("\t");
            modules.computeIfAbsent(f[0], k -> new ArrayList<>()).add(f[1]);
        }
        List<String> universe = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            universe.add(String.format("G%03d", i));
        }
        Table t = Enrichment.test(modules, universe, sets,
                Enrichment.Options.defaults().withSetSize(1, 1000).withMinOverlap(1).withMaxPAdjust(1));
        Map<String, double[]> got = new HashMap<>();
        for (int r = 0; r < t.rowCount(); r++) {
            got.put(t.stringColumn("module").get(r) + "/" + t.stringColumn("set_id").get(r),
                    new double[] {t.intColumn("overlap").get(r), t.doubleColumn("p_value").get(r),
                            t.doubleColumn("p_adj").get(r)});
        }
        List<String> expected = Files.readAllLines(resource("enrichment_expected.tsv"));
        assertEquals(expected.size() - 1, t.rowCount(), "same tested (module, set) pairs as R");
        for (String line : expected.subList(1, expected.size())) {
            String[] f = line.split("\t");
            double[] g = got.get(f[0] + "/" + f[1]);
            assertEquals(Integer.parseInt(f[2]), (int) g[0], line);
            assertEquals(Double.parseDouble(f[3]), g[1], 1e-12 * Double.parseDouble(f[3]), line);
            assertEquals(Double.parseDouble(f[4]), g[2], 1e-12 * Double.parseDouble(f[4]), line);
        }
        // the planted module m0 ⊃ 12 genes of SET03 is the top hit of m0
        assertEquals("SET03", t.where(t.stringColumn("module").isEqualTo("m0")).stringColumn("set_id").get(0));
    }

    @Test
    void bundledGoSetsAreLoadedAndSized() {
        GeneSets go = GeneSets.goBiologicalProcess();
        assertTrue(go.size() > 4000, "GO BP sets: " + go.size());
        GeneSet first = go.sets().get(0);
        assertTrue(first.id().startsWith("GO:"), first.id());
        assertTrue(go.sets().stream().allMatch(s -> s.size() >= 15 && s.size() <= 500));
        assertTrue(go.sets().stream().anyMatch(s -> s.name().equals("response to type I interferon")
                && s.genes().contains("ISG15")));
    }

    @Test
    void moduleGenesOutsideTheUniverseAreAnError() {
        GeneSets sets = GeneSets.of("test", Map.of("S", List.of("A", "B")));
        AtlasException e = assertThrows(AtlasException.class, () -> Enrichment.test(
                Map.of("m", List.of("A", "Z")), List.of("A", "B", "C"), sets, Enrichment.Options.defaults()));
        assertTrue(e.getMessage().contains("'m'") && e.getMessage().contains("Z"), e.getMessage());
    }

    @Test
    void malformedGeneSetFilesNameTheProblem(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path gmt = dir.resolve("bad.gmt");
        Files.writeString(gmt, "ONLY_NAME\tdesc\n");
        AtlasException e = assertThrows(AtlasException.class, () -> GeneSets.read(gmt));
        assertTrue(e.getMessage().contains("bad.gmt line 1"), e.getMessage());
        Path tsv = dir.resolve("bad.tsv");
        Files.writeString(tsv, "name\tmembers\nX\tA,B\n");
        e = assertThrows(AtlasException.class, () -> GeneSets.read(tsv));
        assertTrue(e.getMessage().contains("'genes'"), e.getMessage());
    }
}
