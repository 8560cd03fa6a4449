package org.scjava.models.esm2;

import org.scjava.models.api.ModelException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ESM-1b / ESM-2 token alphabet and tokenizer, as facebookresearch/esm {@code esm/data.py}
 * ({@code Alphabet.from_architecture("ESM-1b")}, {@code Alphabet.encode}) and {@code esm/constants.py} define them:
 * {@code <cls> <pad> <eos> <unk>}, the 27 residue tokens, {@code <null_1>} (padding the list to a multiple of 8) and
 * {@code <mask>}, ids 0..32.
 */
public final class Esm2Alphabet {

    private static final String RESIDUES = "LAGVSERTIDPKQNFYMHWCXBUZO.-";
    private static final Esm2Alphabet ESM1B = new Esm2Alphabet();

    private final Map<String, Integer> ids = new LinkedHashMap<>();

    private Esm2Alphabet() {
        List<String> toks = new ArrayList<>(List.of("<cls>", "<pad>", "<eos>", "<unk>"));
        for (char c : RESIDUES.toCharArray()) {
            toks.add(String.valueOf(c));
        }
        for (int i = 0; i < (8 - toks.size() % 8) % 8; i++) {
            toks.add("<null_" + (i + 1) + ">");
        }
        toks.add("<mask>");
        for (int i = 0; i < toks.size(); i++) {
            ids.put(toks.get(i), i);
        }
    }

    public static Esm2Alphabet esm1b() {
        return ESM1B;
    }

    public int size() {
        return ids.size();
    }

    public int cls() {
        return ids.get("<cls>");
    }

    public int pad() {
        return ids.get("<pad>");
    }

    public int eos() {
        return ids.get("<eos>");
    }

    public int mask() {
        return ids.get("<mask>");
    }

    /** Token ids in alphabet order (for the model card). */
    public List<String> tokens() {
        return List.copyOf(ids.keySet());
    }

    /**
     * {@code Alphabet.encode}: special tokens written {@code <...>} stay whole, whitespace is dropped, every other
     * character is one token. An unknown character is an error naming the record and the position (officially a
     * {@code KeyError}); residues must be upper case as in UniProt FASTA.
     */
    public int[] encode(String sequence, String label) {
        int[] out = new int[sequence.length()];
        int n = 0;
        for (int i = 0; i < sequence.length(); ) {
            char c = sequence.charAt(i);
            if (c == '<' && sequence.indexOf('>', i) > i) {
                String tok = sequence.substring(i, sequence.indexOf('>', i) + 1);
                out[n++] = require(tok, label, i);
                i += tok.length();
            } else if (Character.isWhitespace(c)) {
                i++;
            } else {
                out[n++] = require(String.valueOf(c), label, i);
                i++;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private int require(String tok, String label, int pos) {
        Integer id = ids.get(tok);
        if (id == null) {
            throw new ModelException("protein '" + label + "': '" + tok + "' at position " + (pos + 1) + " is not an"
                    + " ESM-2 token; sequences use upper-case one-letter residues " + RESIDUES + " (X for unknown) or"
                    + " special tokens such as <mask>");
        }
        return id;
    }
}
