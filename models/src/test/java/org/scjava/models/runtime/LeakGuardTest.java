package org.scjava.models.runtime;

import org.junit.jupiter.api.Test;
import org.scjava.models.Fixtures;
import org.scjava.models.Models;

import static org.assertj.core.api.Assertions.assertThat;

/** A model handle dropped without close() is freed by the Cleaner, with a warning; a closed one is not counted. */
class LeakGuardTest {

    @Test
    void unclosedHandleIsFreedAndCounted() throws InterruptedException {
        long before = LeakGuard.unclosedCount();
        Models.geneformer(Fixtures.path("geneformer/v1")).close();
        loadAndDrop();
        for (int i = 0; i < 100 && LeakGuard.unclosedCount() == before; i++) {
            System.gc();
            Thread.sleep(50);
        }
        assertThat(LeakGuard.unclosedCount()).isEqualTo(before + 1);
    }

    private static void loadAndDrop() {
        Models.geneformer(Fixtures.path("geneformer/v1")).numLayers();
    }
}
