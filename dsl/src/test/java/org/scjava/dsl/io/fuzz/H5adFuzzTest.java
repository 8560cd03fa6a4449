package org.scjava.dsl.io.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.IOException;

/**
 * Coverage-guided fuzzing of h5ad loading (HDF5 structure through jHDF, the access guard and every codec), seeded
 * with a small anndata-written file (H5adFuzzTestInputs/). Regression mode replays the seeds and committed findings in
 * every test run; the build's fuzz execution fuzzes it for a bounded time (JAZZER_FUZZ=1).
 */
class H5adFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void h5ad(byte[] data) throws IOException {
        FuzzFiles.load(data, "fuzz.h5ad");
    }
}
