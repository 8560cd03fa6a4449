package org.scjava.models.io.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.scjava.models.io.HostTensor;
import org.scjava.models.io.SafeTensors;
import org.scjava.models.io.StateDict;

import java.io.IOException;

/** Coverage-guided fuzzing of the safetensors reader; every tensor read is also converted (bounds of its bytes). */
class SafeTensorsFuzzTest {

    @FuzzTest(maxDuration = "8s")
    void safetensors(byte[] data) throws IOException {
        FuzzFiles.read(data, "fuzz.safetensors", f -> {
            StateDict sd = SafeTensors.read(f);
            for (String k : sd.keys()) {
                HostTensor t = sd.get(k);
                if (t.numel() < 1 << 20) {
                    t.toFloatArray();
                }
            }
            return sd;
        });
    }
}
