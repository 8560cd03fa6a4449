package org.scjava.dsl.tasks.programs;

import org.scjava.dsl.core.AtlasException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * A collection of gene sets for enrichment tests. The bundled collection, {@link #goBiologicalProcess()}, holds the
 * GO biological-process sets (15–500 human symbols, annotations propagated to ancestor terms) exported from
 * Bioconductor's {@code org.Hs.eg.db} + {@code GO.db} 3.16 by {@code data/genesets/export_go_bp.R} (Artistic-2.0,
 * see {@code data/genesets/README.md}). Users can read their own sets from the same TSV layout or from GMT files
 * (MSigDB's format).
 */
public final class GeneSets {

    /** Class-path location of the bundled table (copied from data/genesets by the dsl build). */
    static final String BUNDLED_GO_BP = "/org/scjava/dsl/tasks/programs/go_bp_human_symbols.tsv.gz";

    private final String source;
    private final List<GeneSet> sets;

    public GeneSets(String source, List<GeneSet> sets) {
        this.source = source;
        this.sets = List.copyOf(sets);
    }

    /** GO biological-process sets bundled with scjava (read once per call; ~5,200 sets). */
    public static GeneSets goBiologicalProcess() {
        InputStream in = GeneSets.class.getResourceAsStream(BUNDLED_GO_BP);
        if (in == null) {
            throw new AtlasException("the bundled GO gene sets " + BUNDLED_GO_BP + " are missing from the class path;"
                    + " rebuild scjava-dsl (it copies data/genesets/go_bp_human_symbols.tsv.gz)");
        }
        try (BufferedReader r = reader(new GZIPInputStream(in))) {
            return parseTsv(r, "bundled GO BP (" + BUNDLED_GO_BP + ")");
        } catch (IOException e) {
            throw new AtlasException("cannot read the bundled GO gene sets: " + e.getMessage(), e);
        }
    }

    /**
     * Reads gene sets from a file: {@code .gmt} (name, description, genes… tab-separated per line) or the TSV layout
     * of the bundled table ({@code go_id, term, size, genes} with comma-separated genes; '#' lines are comments);
     * {@code .gz} is decompressed.
     */
    public static GeneSets read(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try (InputStream raw = Files.newInputStream(file);
             BufferedReader r = reader(name.endsWith(".gz") ? new GZIPInputStream(raw) : raw)) {
            return name.endsWith(".gmt") || name.endsWith(".gmt.gz") ? parseGmt(r, file.toString())
                    : parseTsv(r, file.toString());
        } catch (IOException e) {
            throw new AtlasException("cannot read gene sets from " + file + ": " + e.getMessage(), e);
        }
    }

    /** Gene sets from a map of set name → genes (insertion order kept). */
    public static GeneSets of(String source, Map<String, ? extends Collection<String>> sets) {
        List<GeneSet> out = new ArrayList<>();
        sets.forEach((k, v) -> out.add(new GeneSet(k, k, new ArrayList<>(new LinkedHashSet<>(v)))));
        return new GeneSets(source, out);
    }

    public String source() {
        return source;
    }

    public List<GeneSet> sets() {
        return sets;
    }

    public int size() {
        return sets.size();
    }

    /** The sets intersected with {@code universe}, keeping those with {@code minSize..maxSize} genes left. */
    public GeneSets restrictTo(Collection<String> universe, int minSize, int maxSize) {
        Set<String> u = universe instanceof Set<String> s ? s : new HashSet<>(universe);
        List<GeneSet> out = new ArrayList<>();
        for (GeneSet s : sets) {
            List<String> kept = s.genes().stream().filter(u::contains).toList();
            if (kept.size() >= minSize && kept.size() <= maxSize) {
                out.add(new GeneSet(s.id(), s.name(), kept));
            }
        }
        return new GeneSets(source + " ∩ " + universe.size() + " genes", out);
    }

    private static BufferedReader reader(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    private static GeneSets parseTsv(BufferedReader r, String where) throws IOException {
        List<GeneSet> out = new ArrayList<>();
        String line;
        int lineNo = 0;
        int[] cols = null;
        while ((line = r.readLine()) != null) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (cols == null) {
                cols = headerColumns(f, where);
                continue;
            }
            if (f.length <= cols[2]) {
                throw new AtlasException(where + " line " + lineNo + ": expected " + (cols[2] + 1)
                        + " tab-separated fields, found " + f.length);
            }
            List<String> genes = Arrays.stream(f[cols[2]].split(",")).map(String::strip).filter(g -> !g.isEmpty())
                    .distinct().toList();
            out.add(new GeneSet(f[cols[0]], cols[1] >= 0 ? f[cols[1]] : f[cols[0]], genes));
        }
        if (cols == null) {
            throw new AtlasException(where + ": empty gene-set table (expected a header with 'go_id' or 'id', and"
                    + " 'genes')");
        }
        return new GeneSets(where, out);
    }

    /** Positions of {id, name (or -1), genes} in a header line. */
    private static int[] headerColumns(String[] header, String where) {
        List<String> h = Arrays.stream(header).map(s -> s.strip().toLowerCase(Locale.ROOT)).toList();
        int id = h.indexOf("go_id") >= 0 ? h.indexOf("go_id") : h.indexOf("id");
        int name = h.indexOf("term") >= 0 ? h.indexOf("term") : h.indexOf("name");
        int genes = h.indexOf("genes");
        if (id < 0 || genes < 0) {
            throw new AtlasException(where + ": header " + h + " lacks 'go_id' (or 'id') and 'genes' columns;"
                    + " use the layout of data/genesets/go_bp_human_symbols.tsv.gz or a .gmt file");
        }
        return new int[] {id, name, genes};
    }

    private static GeneSets parseGmt(BufferedReader r, String where) throws IOException {
        List<GeneSet> out = new ArrayList<>();
        String line;
        int lineNo = 0;
        while ((line = r.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t");
            if (f.length < 3) {
                throw new AtlasException(where + " line " + lineNo + ": a GMT line needs a name, a description and"
                        + " at least one gene, found " + f.length + " field(s)");
            }
            List<String> genes = Arrays.stream(f, 2, f.length).map(String::strip).filter(g -> !g.isEmpty())
                    .distinct().toList();
            out.add(new GeneSet(f[0], f[1].isBlank() ? f[0] : f[1], genes));
        }
        return new GeneSets(where, out);
    }

    @Override
    public String toString() {
        return "GeneSets[" + sets.size() + " sets from " + source + "]";
    }
}
