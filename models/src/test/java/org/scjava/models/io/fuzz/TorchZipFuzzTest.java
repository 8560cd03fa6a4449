package org.scjava.models.io.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.scjava.models.io.TorchCheckpoint;

import java.io.IOException;

/**
 * Coverage-guided fuzzing of torch checkpoints (zip layout and the legacy stream), seeded with small state dicts
 * (TorchZipFuzzTestInputs/): zip structure, the tensor pickle and tensor materialisation.
 */
class TorchZipFuzzTest {

    @FuzzTest(maxDuration = "8s")
    void torch(byte[] data) throws IOException {
        FuzzFiles.read(data, "fuzz.pt", TorchCheckpoint::read);
    }
}
