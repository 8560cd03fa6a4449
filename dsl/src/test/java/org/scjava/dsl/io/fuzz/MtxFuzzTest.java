package org.scjava.dsl.io.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.IOException;

/** Coverage-guided fuzzing of the MatrixMarket parser (plain and gzipped), seeded from MtxFuzzTestInputs/. */
class MtxFuzzTest {

    @FuzzTest(maxDuration = "8s")
    void mtx(byte[] data) throws IOException {
        FuzzFiles.load(data, "fuzz.mtx");
    }
}
