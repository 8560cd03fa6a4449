package org.scjava.models.geneformer;

import org.scjava.models.api.CheckpointException;
import org.scjava.models.api.GeneVocabulary;
import org.scjava.models.io.PickledDictionaries;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Geneformer's tokenizer dictionaries: Ensembl ID → token ({@code token_dictionary.pkl}, with {@code <pad>},
 * {@code <mask>} and, for V2, {@code <cls>}/{@code <eos>}), Ensembl ID → non-zero median
 * ({@code gene_median_dictionary.pkl}), the optional alias collapse ({@code ensembl_mapping_dict.pkl}) and gene symbol
 * → Ensembl ID ({@code gene_name_id_dict.pkl}; the V1 table bundled with scjava when the directory has none).
 */
public final class GeneformerDictionaries {

    public static final String PAD = "<pad>";
    public static final String CLS = "<cls>";
    public static final String EOS = "<eos>";
    private static final String BUNDLED_NAMES = "gene_name_id_dict_30M.pkl";

    private final GeneVocabulary tokens;
    private final Map<String, Double> medians;
    private final Map<String, String> ensemblMapping;
    private final Map<String, String> symbolToEnsembl;
    private final String symbolSource;

    GeneformerDictionaries(GeneVocabulary tokens, Map<String, Double> medians, Map<String, String> ensemblMapping,
                           Map<String, String> symbolToEnsembl, String symbolSource) {
        this.tokens = tokens;
        this.medians = medians;
        this.ensemblMapping = ensemblMapping;
        this.symbolToEnsembl = symbolToEnsembl;
        this.symbolSource = symbolSource;
    }

    /** Reads the pickles; {@code mapping} and {@code names} may be null (identity / bundled V1 table). */
    static GeneformerDictionaries read(Path tokenDict, Path medianDict, Path mapping, Path names) {
        GeneVocabulary tokens = new GeneVocabulary(PickledDictionaries.readStringToInt(tokenDict));
        if (tokens.id(PAD) != 0) {
            throw new CheckpointException(tokenDict.getFileName() + ": '<pad>' must have token 0 (found "
                    + tokens.id(PAD) + "); is this a Geneformer token dictionary?");
        }
        Map<String, Double> medians = PickledDictionaries.readStringToPositive(medianDict);
        Map<String, String> map = mapping == null ? Map.of() : PickledDictionaries.readStringToString(mapping);
        Map<String, String> sym;
        String source;
        if (names != null) {
            sym = PickledDictionaries.readStringToString(names);
            source = names.getFileName().toString();
        } else {
            try (InputStream in = GeneformerDictionaries.class.getResourceAsStream(BUNDLED_NAMES)) {
                sym = PickledDictionaries.readStringToString(in, BUNDLED_NAMES);
            } catch (IOException | NullPointerException e) {
                throw new CheckpointException("bundled " + BUNDLED_NAMES + " is unreadable: " + e, e);
            }
            source = "bundled Geneformer V1 " + BUNDLED_NAMES;
        }
        return new GeneformerDictionaries(tokens, medians, map, sym, source);
    }

    public GeneVocabulary tokens() {
        return tokens;
    }

    /** True for V2-style dictionaries, whose cells start with {@code <cls>} and end with {@code <eos>}. */
    public boolean hasSpecialTokens() {
        return tokens.contains(CLS) && tokens.contains(EOS);
    }

    /** Upper-cased and alias-collapsed Ensembl ID, as the official tokenizer looks IDs up. */
    String canonicalEnsembl(String id) {
        String up = id.toUpperCase(Locale.ROOT);
        return ensemblMapping.getOrDefault(up, up);
    }

    /** Token of a gene given by Ensembl ID, or -1 (also -1 when it has no median). */
    int tokenOfEnsembl(String id) {
        if (id == null || id.isEmpty()) {
            return -1;
        }
        String e = canonicalEnsembl(id);
        return medians.containsKey(e) ? tokens.id(e) : -1;
    }

    /** Token of a gene given by symbol (through gene_name_id_dict), or -1. */
    int tokenOfSymbol(String symbol) {
        String e = symbol == null ? null : symbolToEnsembl.get(symbol);
        return e == null ? -1 : tokenOfEnsembl(e);
    }

    double median(int token) {
        Double m = medians.get(tokens.token(token));
        if (m == null) {
            throw new IllegalStateException("no median for token " + token);
        }
        return m;
    }

    String symbolSource() {
        return symbolSource;
    }

    /** The number of genes (tokens that are not special). */
    int geneCount() {
        Map<String, Integer> m = new HashMap<>(tokens.asMap());
        m.keySet().removeIf(k -> k.startsWith("<"));
        return m.size();
    }
}
