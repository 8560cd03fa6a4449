package org.scjava.models.tasks;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.tasks.ReferenceMapping;
import org.scjava.dsl.tasks.ZeroShotAnnotation;
import org.scjava.models.Fixtures;
import org.scjava.models.ModelOptions;
import org.scjava.models.Models;
import org.scjava.models.scgpt.ScGptModel;
import tech.tablesaw.api.StringColumn;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code annotateZeroShot(reference, label, Options.withModel(model))} with a real foundation model (the tiny
 * random-weight scGPT fixture in the official file layout): both Atlases are embedded into obsm["X_scgpt"] and the
 * labels are voted there. A plumbing test: random weights say nothing about accuracy.
 */
class ReferenceMappingWithModelTest {

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
    void embedsBothSidesAndVotesInTheModelSpace() {
        Atlas cells = Atlas.load(Fixtures.path("inputs/cells.h5ad"));
        String[] labels = new String[cells.nObs()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 2 == 0 ? "even" : "odd";
        }
        cells.obs().addColumns(StringColumn.create("label", labels));
        boolean[] ref = new boolean[cells.nObs()];
        for (int i = 0; i < 12; i++) {
            ref[i] = true;
        }
        boolean[] qry = new boolean[cells.nObs()];
        for (int i = 12; i < qry.length; i++) {
            qry[i] = true;
        }
        Atlas reference = cells.subset(ref);
        Atlas query = cells.subset(qry);
        query.annotateZeroShot(reference, "label", ReferenceMapping.Options.defaults().withModel(scgpt).withK(3));
        assertThat(reference.obsm()).containsKey("X_scgpt");
        assertThat(query.obsm()).containsKey("X_scgpt");
        assertThat(Set.of("even", "odd", "unknown")).containsAll(java.util.List.of(query.obsStrings(ZeroShotAnnotation.LABEL_KEY)));
        assertThat(query.obs().doubleColumn(ZeroShotAnnotation.CONFIDENCE_KEY).min()).isBetween(0.0, 1.0);
        assertThat(query.history().last("embed")).isNotNull();
        assertThat(query.history().last("annotateZeroShot").params()).containsEntry("space", "obsm['X_scgpt']");
        // an Atlas that already holds the embedding is not embedded again
        int embeds = (int) query.history().entries().stream().filter(e -> e.verb().equals("embed")).count();
        query.annotateZeroShot(reference, "label", ReferenceMapping.Options.defaults().withModel(scgpt).withK(3));
        assertThat(query.history().entries().stream().filter(e -> e.verb().equals("embed")).count()).isEqualTo(embeds);
    }
}
