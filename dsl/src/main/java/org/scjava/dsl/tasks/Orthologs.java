package org.scjava.dsl.tasks;

import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.io.DelimitedText;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * A gene ortholog table between two species, by gene symbol. The bundled table is Ensembl 105's human–mouse
 * orthologs as shipped with CellTypist (Domínguez Conde et al. 2022, doi:10.1126/science.abl5197; see
 * data/README.md), with a {@code one_to_one} flag: 1 when both symbols occur in exactly one pair.
 *
 * <p>A user table is a tab- or comma-separated file (optionally .gz) with a header naming two columns
 * {@code <species>_symbol} (e.g. {@code human_symbol}, {@code mouse_symbol}) and optionally {@code one_to_one};
 * without that column the flag is computed the same way.
 */
public final class Orthologs {

    /** Which pairs a mapping uses. */
    public enum Policy {
        /** Only pairs where each gene has exactly one ortholog (the default; unambiguous). */
        ONE_TO_ONE,
        /** Also several source genes to one target (their counts are summed); source genes with several targets are dropped. */
        MANY_TO_ONE;

        /** Parses "one_to_one" (or "1:1") and "many_to_one" (or "n:1"), case-insensitive. */
        public static Policy parse(String s) {
            return switch (s.trim().toLowerCase(Locale.ROOT).replace('-', '_')) {
                case "one_to_one", "1:1" -> ONE_TO_ONE;
                case "many_to_one", "n:1" -> MANY_TO_ONE;
                default -> throw new AtlasException("unknown ortholog policy '" + s + "'; use one_to_one or many_to_one");
            };
        }
    }

    private static final String BUNDLED = "data/orthologs_human_mouse_symbols_ensembl105.tsv.gz";
    private static final Map<String, String> ALIASES = Map.of(
            "human", "human", "homo sapiens", "human", "homo_sapiens", "human", "hsapiens", "human", "hs", "human",
            "mouse", "mouse", "mus musculus", "mouse", "mus_musculus", "mouse", "mmusculus", "mouse", "mm", "mouse");

    private final String source;
    private final String[] species;
    private final List<String[]> pairs;
    private final boolean[] oneToOne;

    private Orthologs(String source, String[] species, List<String[]> pairs, boolean[] oneToOne) {
        this.source = source;
        this.species = species;
        this.pairs = pairs;
        this.oneToOne = oneToOne;
    }

    /** The bundled Ensembl 105 human–mouse table (parsed once; the table is immutable). */
    public static Orthologs bundled() {
        return Bundled.TABLE;
    }

    /** Lazy holder: parsed on first use. */
    private static final class Bundled {
        private static final Orthologs TABLE = readBundled();
    }

    private static Orthologs readBundled() {
        try (InputStream in = Orthologs.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new AtlasException("the bundled ortholog table " + BUNDLED + " is missing from the scjava-dsl jar");
            }
            String what = "bundled Ensembl 105 human-mouse orthologs";
            return parse(DelimitedText.read(new GZIPInputStream(in), what), what);
        } catch (IOException e) {
            throw new AtlasException("cannot read the bundled ortholog table: " + e.getMessage(), e);
        }
    }

    /** Reads a user ortholog table (see the class comment for the format). */
    public static Orthologs read(Path file) {
        return parse(DelimitedText.read(file, "ortholog table " + file), file.toString());
    }

    private static Orthologs parse(DelimitedText t, String source) {
        List<Integer> symbolCols = new ArrayList<>();
        for (int c = 0; c < t.header().size(); c++) {
            if (t.header().get(c).endsWith("_symbol")) {
                symbolCols.add(c);
            }
        }
        if (symbolCols.size() != 2) {
            throw new AtlasException(t.what() + ": the header must name exactly two columns '<species>_symbol' (e.g. "
                    + "human_symbol, mouse_symbol); found " + t.header());
        }
        int flagCol = t.column("one_to_one");
        String[] species = new String[2];
        for (int s = 0; s < 2; s++) {
            String name = t.header().get(symbolCols.get(s));
            species[s] = canonical(name.substring(0, name.length() - "_symbol".length()));
        }
        List<String[]> pairs = new ArrayList<>();
        List<Boolean> flags = new ArrayList<>();
        for (String[] f : t.rows()) {
            String a = f[symbolCols.get(0)];
            String b = f[symbolCols.get(1)];
            if (a.isEmpty() || b.isEmpty()) {
                continue; // a gene without an ortholog
            }
            pairs.add(new String[] {a, b});
            flags.add(flagCol >= 0 && (f[flagCol].equals("1") || f[flagCol].equalsIgnoreCase("true")));
        }
        if (pairs.isEmpty()) {
            throw new AtlasException(t.what() + " has no gene pairs");
        }
        boolean[] oneToOne = flagCol >= 0 ? unbox(flags) : computeOneToOne(pairs);
        return new Orthologs(source, species, pairs, oneToOne);
    }

    /** The canonical species name ("human", "mouse") for an alias; other names pass through lower-cased. */
    static String canonical(String species) {
        String s = species.trim().toLowerCase(Locale.ROOT);
        return ALIASES.getOrDefault(s, s);
    }

    /** The two species this table maps between. */
    public List<String> species() {
        return List.of(species);
    }

    /** Where the table came from (file path or "bundled ..."). */
    public String source() {
        return source;
    }

    /** All gene symbols of {@code speciesName} that have an ortholog in the table. */
    public Set<String> symbols(String speciesName) {
        int s = side(speciesName);
        Set<String> out = new java.util.HashSet<>();
        for (String[] p : pairs) {
            out.add(p[s]);
        }
        return out;
    }

    /**
     * Source gene → target gene under {@code policy}. ONE_TO_ONE keeps flagged pairs; MANY_TO_ONE keeps every
     * source gene with exactly one target (several sources may share a target).
     */
    public Map<String, String> mapping(String from, String to, Policy policy) {
        int a = side(from);
        int b = side(to);
        if (a == b) {
            throw new AtlasException("ortholog mapping from " + from + " to itself");
        }
        Map<String, List<String>> targets = new LinkedHashMap<>();
        for (int i = 0; i < pairs.size(); i++) {
            if (policy == Policy.ONE_TO_ONE && !oneToOne[i]) {
                continue;
            }
            targets.computeIfAbsent(pairs.get(i)[a], k -> new ArrayList<>(1)).add(pairs.get(i)[b]);
        }
        Map<String, String> out = new LinkedHashMap<>();
        targets.forEach((src, t) -> {
            if (t.size() == 1) {
                out.put(src, t.get(0));
            }
        });
        return out;
    }

    private int side(String speciesName) {
        String s = canonical(speciesName);
        for (int i = 0; i < 2; i++) {
            if (species[i].equals(s)) {
                return i;
            }
        }
        throw new AtlasException("unknown species '" + speciesName + "': the ortholog table (" + source + ") maps "
                + species[0] + " and " + species[1]);
    }

    /** 1:1 when both symbols occur in exactly one pair (how the bundled table's flag was computed). */
    private static boolean[] computeOneToOne(List<String[]> pairs) {
        Map<String, Integer> countA = new HashMap<>();
        Map<String, Integer> countB = new HashMap<>();
        for (String[] p : pairs) {
            countA.merge(p[0], 1, Integer::sum);
            countB.merge(p[1], 1, Integer::sum);
        }
        boolean[] out = new boolean[pairs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = countA.get(pairs.get(i)[0]) == 1 && countB.get(pairs.get(i)[1]) == 1;
        }
        return out;
    }

    private static boolean[] unbox(List<Boolean> flags) {
        boolean[] out = new boolean[flags.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = flags.get(i);
        }
        return out;
    }

    @Override
    public String toString() {
        int n = 0;
        for (boolean b : oneToOne) {
            n += b ? 1 : 0;
        }
        return "Orthologs[" + species[0] + " <-> " + species[1] + ", " + pairs.size() + " pairs (" + n + " one-to-one), "
                + source + "]";
    }
}
