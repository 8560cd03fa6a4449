package org.scjava.dsl.tasks.perturb;

import org.junit.jupiter.api.Test;
import org.scjava.dsl.api.PerturbableModel;
import org.scjava.dsl.api.TokenSequence;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.core.AtlasData;
import org.scjava.dsl.core.AtlasException;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Token-list edits in the cases the fixtures do not reach: overflow truncation of overexpress (Geneformer's
 * {@code overexpress_tokens} + {@code truncate_by_n_overflow[_special]}) and scGPT's value edits. Tokens: cls 2,
 * eos 3, genes ≥ 10, perturbed gene 99.
 */
class SequenceEditTest {

    /** Only the edit-relevant facts of a model; no forward pass is needed to edit a list. */
    private record Spec(Encoding encoding, int clsToken, int eosToken, int maxLength) implements PerturbableModel {
        @Override
        public String name() {
            return "spec";
        }

        @Override
        public float topValue() {
            return 50f;
        }

        @Override
        public float zeroValue() {
            return 0f;
        }

        @Override
        public int[] columnTokens(AtlasData atlas) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<TokenSequence> tokenize(AtlasData atlas, int[] rows) {
            throw new UnsupportedOperationException();
        }

        @Override
        public float[][][] tokenStates(List<TokenSequence> cells) {
            throw new UnsupportedOperationException();
        }

        @Override
        public float[] poolCell(float[][] states, TokenSequence cell) {
            throw new UnsupportedOperationException();
        }

        @Override
        public float[][] staticGeneEmbeddings() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, Object> provenance() {
            return Map.of();
        }
    }

    private static final Spec V2 = new Spec(PerturbableModel.Encoding.RANK_VALUE, 2, 3, 6);
    private static final Spec V1 = new Spec(PerturbableModel.Encoding.RANK_VALUE, -1, -1, 4);
    private static final Spec SCGPT = new Spec(PerturbableModel.Encoding.BINNED_VALUE, 1, -1, 5);

    private static TokenSequence ids(int... ids) {
        return new TokenSequence(ids, null);
    }

    @Test
    void v2OverexpressOfAnAbsentGeneOverflowsAndCutsBothListsKeepingEos() {
        SequenceEdit e = SequenceEdit.of(ids(2, 10, 11, 12, 13, 3), 99, PerturbationMode.OVEREXPRESS, V2);
        assertArrayEquals(new int[] {2, 99, 10, 11, 12, 3}, e.perturbed().ids());
        assertArrayEquals(new int[] {2, 10, 11, 12, 3}, e.original().ids());
        assertEquals(-1, e.geneIndex());
        assertArrayEquals(new int[] {1, 2, 3}, e.originalPositions());
        assertArrayEquals(new int[] {2, 3, 4}, e.perturbedPositions());
    }

    @Test
    void v2OverexpressOfAPresentGeneMovesItBehindCls() {
        SequenceEdit e = SequenceEdit.of(ids(2, 10, 11, 99, 3), 99, PerturbationMode.OVEREXPRESS, V2);
        assertArrayEquals(new int[] {2, 99, 10, 11, 3}, e.perturbed().ids());
        assertArrayEquals(new int[] {2, 10, 11, 99, 3}, e.original().ids());
        assertEquals(3, e.geneIndex());
        assertArrayEquals(new int[] {1, 2}, e.originalPositions());
        assertArrayEquals(new int[] {2, 3}, e.perturbedPositions());
    }

    @Test
    void v1OverexpressOverflowCutsTheTail() {
        SequenceEdit e = SequenceEdit.of(ids(10, 11, 12, 13), 99, PerturbationMode.OVEREXPRESS, V1);
        assertArrayEquals(new int[] {99, 10, 11, 12}, e.perturbed().ids());
        assertArrayEquals(new int[] {10, 11, 12}, e.original().ids());
        assertArrayEquals(new int[] {0, 1, 2}, e.originalPositions());
        assertArrayEquals(new int[] {1, 2, 3}, e.perturbedPositions());
    }

    @Test
    void deleteRemovesTheTokenAndSkipsCellsWithoutIt() {
        SequenceEdit e = SequenceEdit.of(ids(2, 10, 99, 11, 3), 99, PerturbationMode.DELETE, V2);
        assertArrayEquals(new int[] {2, 10, 11, 3}, e.perturbed().ids());
        assertArrayEquals(new int[] {1, 3}, e.originalPositions());
        assertArrayEquals(new int[] {1, 2}, e.perturbedPositions());
        assertNull(SequenceEdit.of(ids(2, 10, 11, 3), 99, PerturbationMode.DELETE, V2));
    }

    @Test
    void scGptEditsValuesNotOrder() {
        TokenSequence cell = new TokenSequence(new int[] {1, 10, 99, 11}, new float[] {-2, 5, 17, 30});
        SequenceEdit del = SequenceEdit.of(cell, 99, PerturbationMode.DELETE, SCGPT);
        assertArrayEquals(new int[] {1, 10, 99, 11}, del.perturbed().ids());
        assertArrayEquals(new float[] {-2, 5, 0, 30}, del.perturbed().values());
        assertArrayEquals(new int[] {1, 3}, del.originalPositions());
        SequenceEdit up = SequenceEdit.of(new TokenSequence(new int[] {1, 10, 11}, new float[] {-2, 5, 30}), 99,
                PerturbationMode.OVEREXPRESS, SCGPT);
        assertArrayEquals(new int[] {1, 10, 11, 99}, up.perturbed().ids());
        assertArrayEquals(new float[] {-2, 5, 30, 50}, up.perturbed().values());
        SequenceEdit full = SequenceEdit.of(new TokenSequence(new int[] {1, 10, 11, 12, 13},
                new float[] {-2, 1, 2, 3, 4}), 99, PerturbationMode.OVEREXPRESS, SCGPT);
        assertArrayEquals(new int[] {1, 10, 11, 12, 99}, full.perturbed().ids(), "a full list gives up its last gene");
        assertArrayEquals(new int[] {1, 2, 3}, full.originalPositions());
    }

    @Test
    void modesParseOrNameTheChoices() {
        assertEquals(PerturbationMode.OVEREXPRESS, PerturbationMode.parse(" Overexpress "));
        AtlasException e = assertThrows(AtlasException.class, () -> PerturbationMode.parse("activate"));
        assertTrue(e.getMessage().contains("\"activate\""), e.getMessage());
    }
}
