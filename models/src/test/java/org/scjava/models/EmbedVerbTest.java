package org.scjava.models;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.History;
import org.scjava.dsl.core.Progress;
import org.scjava.models.api.ModelException;
import org.scjava.models.scgpt.ScGptModel;
import tech.tablesaw.api.StringColumn;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code atlas.embed(model)}: obsm, provenance in the history, progress, and the gene-match rule. */
class EmbedVerbTest {

    static ScGptModel scgpt;

    @BeforeAll
    static void load() {
        scgpt = Models.scGPT(Fixtures.path("scgpt/whole_human_style").toString(), ModelOptions.defaults().withSeed(3));
    }

    @AfterAll
    static void close() {
        scgpt.close();
    }

    @Test
    void storesObsmAndRecordsProvenanceAndReportsProgress() {
        Atlas atlas = Atlas.load(Fixtures.path("inputs/cells.h5ad"));
        List<String> tasks = new ArrayList<>();
        AtomicLong steps = new AtomicLong();
        Progress.Factory before = Progress.factory();
        Progress.setFactory((task, total, unit) -> {
            tasks.add(task + ":" + total + " " + unit);
            return new Progress() {
                @Override
                public void step(long n) {
                    steps.addAndGet(n);
                }

                @Override
                public void close() {
                }
            };
        });
        try {
            atlas.embed(scgpt);
        } finally {
            Progress.setFactory(before);
        }
        assertThat(tasks).containsExactly("embed scgpt:20 cells");
        assertThat(steps.get()).isEqualTo(20);
        assertThat(atlas.obsm("X_scgpt").nRows()).isEqualTo(20);
        assertThat(atlas.obsm("X_scgpt").nCols()).isEqualTo(32);
        History.Entry e = atlas.history().last("embed");
        assertThat(e.params()).containsEntry("checkpoint_sha256", scgpt.card().checkpointSha256())
                .containsEntry("vocab_size", 333).containsEntry("genes_matched", 306).containsEntry("genes_in_data", 312)
                .containsEntry("seed", 3L).containsEntry("batch_size", 64).containsEntry("key_added", "X_scgpt")
                .containsKey("device").containsKey("gene_match_rate").containsKey("engine");
        assertThat(e.params().get("gene_key").toString()).contains("var index").contains("counts from X");
        String[] json = atlas.history().toJson();
        assertThat(json[json.length - 1]).contains("checkpoint_sha256");
    }

    @Test
    void refusesDataWhoseGenesBarelyMatch() {
        Atlas atlas = Atlas.load(Fixtures.path("inputs/cells.h5ad"));
        String[] junk = new String[atlas.nVars()];
        for (int j = 0; j < junk.length; j++) {
            junk[j] = "gene" + j;
        }
        atlas.setVar(tech.tablesaw.api.Table.create("var", StringColumn.create("_index", junk)));
        assertThatThrownBy(() -> atlas.embed(scgpt)).isInstanceOf(AtlasException.class)
                .hasMessageContaining("only 0 of 312 genes").hasMessageContaining("refusing");
        assertThat(atlas.obsm()).doesNotContainKey("X_scgpt");
    }

    @Test
    void lowMatchStillEmbedsAndRecordsTheRate() {
        Atlas atlas = Atlas.load(Fixtures.path("inputs/cells.h5ad"));
        List<String> names = new ArrayList<>(atlas.varNames());
        for (int j = 0; j < names.size(); j += 3) {
            names.set(j, names.get(j));
        }
        for (int j = 0; j < names.size(); j++) {
            if (j % 3 != 0) {
                names.set(j, "unknown" + j);
            }
        }
        atlas.setVar(tech.tablesaw.api.Table.create("var", StringColumn.create("_index", names)));
        atlas.embed(scgpt, "X_partial");
        double rate = ((Number) atlas.history().last("embed").params().get("gene_match_rate")).doubleValue();
        assertThat(rate).isLessThan(0.5).isGreaterThan(0.01);
        assertThat(atlas.obsm("X_partial").nRows()).isEqualTo(20);
    }

    @Test
    void interruptStopsBetweenBatches() {
        Atlas atlas = Atlas.load(Fixtures.path("inputs/cells.h5ad"));
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> scgpt.embedCells(atlas)).isInstanceOf(ModelException.class)
                    .hasMessageContaining("interrupted");
        } finally {
            Thread.interrupted();
        }
    }
}
