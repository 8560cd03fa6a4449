package org.scjava.models.io;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scjava.models.PythonScripts;
import org.scjava.models.api.UnsafePickleException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Malicious pickles, made by Python in the test, are refused and never run; real torch layouts are read. */
class PickleSafetyTest {

    @TempDir
    static Path dir;
    static Path marker;

    @BeforeAll
    static void makeCases() {
        PythonScripts.assumeTorch();
        marker = dir.resolve("PWNED");
        PythonScripts.runScript("make_io_cases.py", dir.resolve("cases").toString(), marker.toString());
    }

    @Test
    void osSystemInADictionaryPickleIsRefusedAndNotRun() {
        Path f = dir.resolve("cases/evil_os_system.pkl");
        assertThatThrownBy(() -> PickledDictionaries.readStringToInt(f))
                .isInstanceOf(UnsafePickleException.class)
                .hasMessageContaining("evil_os_system.pkl")
                .hasMessageContaining("system")
                .satisfies(e -> assertThat(((UnsafePickleException) e).global()).matches("(posix|os)\\.system"));
        assertThat(marker).doesNotExist();
    }

    @Test
    void builtinsEvalInsideATorchCheckpointIsRefusedAndNotRun() {
        assertThatThrownBy(() -> TorchCheckpoint.read(dir.resolve("cases/evil_eval.pt")))
                .isInstanceOf(UnsafePickleException.class)
                .hasMessageMatching("(?s).*'(__builtin__|builtins)\\.eval'.*")
                .hasMessageContaining("never executes");
        assertThat(marker).doesNotExist();
    }

    @Test
    void wholePickledModuleIsRefusedWithTheStateDictHint() {
        assertThatThrownBy(() -> TorchCheckpoint.read(dir.resolve("cases/whole_module.pt")))
                .isInstanceOf(UnsafePickleException.class)
                .hasMessageContaining("torch.nn.modules.linear.Linear")
                .hasMessageContaining("state_dict()");
    }

    @Test
    void handWrittenProtocolZeroExploitIsRefused() {
        byte[] evil = "cos\nsystem\n(S'touch /tmp/scjava-should-not-exist'\ntR.".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> SafeUnpickler.load(evil, PickleAllowlist.dictionaries(), "evil.pkl"))
                .isInstanceOf(UnsafePickleException.class).hasMessageContaining("os.system");
        byte[] inst = "(S'x'\nibuiltins\nexec\n.".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> SafeUnpickler.load(inst, PickleAllowlist.dictionaries(), "inst.pkl"))
                .isInstanceOf(UnsafePickleException.class).hasMessageContaining("builtins.exec");
        assertThat(Path.of("/tmp/scjava-should-not-exist")).doesNotExist();
    }

    @Test
    void oldNonZipTorchFormatWithSharedStorage() {
        StateDict sd = TorchCheckpoint.readStateDict(dir.resolve("cases/legacy.pt"));
        float[] a = Npy.read(dir.resolve("cases/legacy_a.npy")).toFloatArray();
        assertThat(sd.get("a", 6, 4).toFloatArray()).containsExactly(a);
        assertThat(sd.get("b", 2, 4).toFloatArray()).containsExactly(java.util.Arrays.copyOfRange(a, 8, 16));
        assertThat(sd.get("c", 5).toLongArray()).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void halfPrecisionAndStridedTensorsBecomeExactFloat32() {
        Path cases = dir.resolve("cases");
        StateDict sd = TorchCheckpoint.readStateDict(cases.resolve("half.pt"));
        assertThat(sd.get("x_bf16").dtype()).isEqualTo(DType.BF16);
        assertThat(sd.get("x_bf16").toFloatArray()).containsExactly(sd.get("ref_bf16").toFloatArray());
        assertThat(sd.get("x_f16").toFloatArray()).containsExactly(sd.get("ref_f16").toFloatArray());
        float[] x = Npy.read(cases.resolve("half_x.npy")).toFloatArray();
        assertThat(sd.get("x_f64").toFloatArray()).containsExactly(x);
        float[] t = sd.get("t", 5, 3).toFloatArray();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 5; j++) {
                assertThat(t[j * 3 + i]).isEqualTo(x[i * 5 + j]);
            }
        }
        StateDict st = SafeTensors.read(cases.resolve("half.safetensors"));
        assertThat(st.get("x_bf16").toFloatArray()).containsExactly(sd.get("ref_bf16").toFloatArray());
        assertThat(st.get("x_f16").toFloatArray()).containsExactly(sd.get("ref_f16").toFloatArray());
        assertThat(st.get("x_f32").toFloatArray()).containsExactly(x);
        assertThat(Files.exists(cases.resolve("half.safetensors"))).isTrue();
    }
}
