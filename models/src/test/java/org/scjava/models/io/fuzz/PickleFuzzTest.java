package org.scjava.models.io.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.scjava.models.io.PickledDictionaries;

import java.io.IOException;

/**
 * Coverage-guided fuzzing of the safe unpickler through the dictionary reader (containers and numpy scalars
 * allowed, every other global refused), seeded with Geneformer-style dictionaries (PickleFuzzTestInputs/).
 */
class PickleFuzzTest {

    @FuzzTest(maxDuration = "8s")
    void pickle(byte[] data) throws IOException {
        FuzzFiles.read(data, "fuzz.pkl", PickledDictionaries::readStringToInt);
    }
}
