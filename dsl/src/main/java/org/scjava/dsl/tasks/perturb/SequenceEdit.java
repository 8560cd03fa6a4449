package org.scjava.dsl.tasks.perturb;

import org.scjava.dsl.api.PerturbableModel;
import org.scjava.dsl.api.TokenSequence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One cell's perturbation, as Geneformer's {@code InSilicoPerturber} (ctheodoris/Geneformer
 * {@code geneformer/perturber_utils.py}: {@code delete_indices}, {@code overexpress_tokens}, {@code calc_n_overflow},
 * {@code truncate_by_n_overflow[_special]}) and the scGPT analogue define it.
 *
 * <p>Rank-value models: <b>delete</b> removes the gene's token; <b>overexpress</b> removes it if present and inserts
 * it at position 1 (after {@code <cls>}) or 0 (no {@code <cls>}); a list longer than the model's input size is cut,
 * keeping a final {@code <eos>}, and the original is cut by the same overflow so the two stay comparable.
 * Binned-value models (scGPT): the gene's value is set to the zero bin (delete) or the top bin (overexpress; the token
 * is appended when absent, replacing the last gene when the list is full). {@code originalPositions[k]} and
 * {@code perturbedPositions[k]} pair the tokens of every other gene in the two lists (special tokens excluded).
 *
 * @param geneIndex position of the gene in the unedited list, or -1 when the cell does not express it
 */
public record SequenceEdit(TokenSequence original, TokenSequence perturbed, int geneIndex, int[] originalPositions,
                           int[] perturbedPositions) {

    /** Edits {@code cell} for {@code token}; null for DELETE when the cell lacks the gene (the official skip). */
    public static SequenceEdit of(TokenSequence cell, int token, PerturbationMode mode, PerturbableModel model) {
        int idx = cell.indexOf(token);
        if (mode == PerturbationMode.DELETE && idx < 0) {
            return null;
        }
        return model.encoding() == PerturbableModel.Encoding.RANK_VALUE
                ? rank(cell, token, idx, mode, model) : binned(cell, token, idx, mode, model);
    }

    private static SequenceEdit rank(TokenSequence cell, int token, int idx, PerturbationMode mode,
                                     PerturbableModel m) {
        int[] ids = cell.ids();
        int[] without = idx < 0 ? ids : remove(ids, idx);
        if (mode == PerturbationMode.DELETE) {
            return aligned(cell, new TokenSequence(without, null), idx, -1, m);
        }
        boolean special = m.clsToken() >= 0 && ids.length > 0 && ids[0] == m.clsToken();
        boolean endsWithEos = m.eosToken() >= 0 && ids.length > 0 && ids[ids.length - 1] == m.eosToken();
        int insertAt = special ? 1 : 0;
        int[] pert = truncate(insert(without, insertAt, token), m.maxLength(), endsWithEos);
        int overflow = ids.length + (idx < 0 ? 1 : 0) - m.maxLength();
        int[] orig = overflow > 0 ? truncate(ids, ids.length - overflow, endsWithEos) : ids;
        return aligned(new TokenSequence(orig, null), new TokenSequence(pert, null), idx, insertAt, m);
    }

    private static SequenceEdit binned(TokenSequence cell, int token, int idx, PerturbationMode mode,
                                       PerturbableModel m) {
        int[] ids = cell.ids().clone();
        float[] values = cell.values().clone();
        float v = mode == PerturbationMode.DELETE ? m.zeroValue() : m.topValue();
        int at = idx;
        if (at < 0 && ids.length < m.maxLength()) {
            ids = Arrays.copyOf(ids, ids.length + 1);
            values = Arrays.copyOf(values, values.length + 1);
            at = ids.length - 1;
        } else if (at < 0) {
            at = ids.length - 1; // full list: the new gene takes the last gene's place
        }
        ids[at] = token;
        values[at] = v;
        TokenSequence pert = new TokenSequence(ids, values);
        List<Integer> po = new ArrayList<>();
        for (int p = 0; p < cell.length(); p++) {
            if (p != idx && p != at && !isSpecial(cell.ids()[p], m)) {
                po.add(p);
            }
        }
        int[] pos = po.stream().mapToInt(Integer::intValue).toArray();
        return new SequenceEdit(cell, pert, idx, pos, pos.clone());
    }

    /** Pairs the gene tokens of the two lists in order, skipping specials, the gene and the inserted position. */
    private static SequenceEdit aligned(TokenSequence orig, TokenSequence pert, int idx, int insertedAt,
                                        PerturbableModel m) {
        List<Integer> o = new ArrayList<>();
        for (int p = 0; p < orig.length(); p++) {
            if (p != idx && !isSpecial(orig.ids()[p], m)) {
                o.add(p);
            }
        }
        List<Integer> q = new ArrayList<>();
        for (int p = 0; p < pert.length(); p++) {
            if (p != insertedAt && !isSpecial(pert.ids()[p], m)) {
                q.add(p);
            }
        }
        if (o.size() != q.size()) {
            throw new IllegalStateException("perturbation edit: " + o.size() + " original vs " + q.size()
                    + " perturbed gene positions");
        }
        return new SequenceEdit(orig, pert, idx, o.stream().mapToInt(Integer::intValue).toArray(),
                q.stream().mapToInt(Integer::intValue).toArray());
    }

    private static boolean isSpecial(int id, PerturbableModel m) {
        return id == m.clsToken() || id == m.eosToken();
    }

    private static int[] remove(int[] ids, int idx) {
        int[] out = new int[ids.length - 1];
        System.arraycopy(ids, 0, out, 0, idx);
        System.arraycopy(ids, idx + 1, out, idx, ids.length - idx - 1);
        return out;
    }

    private static int[] insert(int[] ids, int at, int token) {
        int[] out = new int[ids.length + 1];
        System.arraycopy(ids, 0, out, 0, at);
        out[at] = token;
        System.arraycopy(ids, at, out, at + 1, ids.length - at);
        return out;
    }

    /** The first {@code max} tokens; with a final {@code <eos>}, the first max−1 plus that {@code <eos>}. */
    private static int[] truncate(int[] ids, int max, boolean keepLast) {
        if (ids.length <= max) {
            return ids;
        }
        if (!keepLast) {
            return Arrays.copyOf(ids, max);
        }
        int[] out = Arrays.copyOf(ids, max);
        out[max - 1] = ids[ids.length - 1];
        return out;
    }
}
