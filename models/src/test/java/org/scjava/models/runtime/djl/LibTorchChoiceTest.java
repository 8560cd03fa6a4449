package org.scjava.models.runtime.djl;

import org.junit.jupiter.api.Test;
import org.scjava.models.runtime.Device;
import org.scjava.models.runtime.GpuCard;
import org.scjava.models.runtime.GpuDriver;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.scjava.models.runtime.djl.LibTorchChoice.Source;

/** Every branch of the libtorch choice, from facts alone (the machine running the test needs no GPU). */
class LibTorchChoiceTest {

    private static final GpuDriver H100 = new GpuDriver("580.159.04", 13000,
            List.of(new GpuCard(0, "NVIDIA H100 80GB HBM3", 85520809984L, 84942979072L)), "NVML");
    private static final GpuDriver OLD = new GpuDriver("470.256.02", 11040,
            List.of(new GpuCard(0, "Tesla T4", 16L << 30, 15L << 30)), "NVML");
    private static final GpuDriver NONE = GpuDriver.none("NVML not loadable (libnvidia-ml.so: not found)");
    private static final LibTorchChoice.NativeJar CPU_JAR = new LibTorchChoice.NativeJar("cpu", "linux-x86_64",
            "2.7.1-20250812", List.of("libtorch.so"), "jar:file:pytorch-native-cpu.jar!/native/lib/pytorch.properties");
    private static final LibTorchChoice.NativeJar CUDA_JAR = new LibTorchChoice.NativeJar("cu128", "linux-x86_64",
            "2.7.1-20250812", List.of("libtorch.so", "libtorch_cuda.so"), "jar:file:pytorch-native-cu128.jar!/x");

    private static LibTorchChoice.Facts facts(Device wanted, GpuDriver driver, boolean offline,
                                              List<LibTorchChoice.NativeJar> jars, Path cache) {
        return new LibTorchChoice.Facts(wanted, null, false, null, null, offline, "linux-x86_64", driver, jars, cache);
    }

    @Test
    void cpuIsTheOfflineDefaultWhateverTheMachine() {
        for (GpuDriver d : List.of(H100, NONE)) {
            LibTorchChoice.Plan p = LibTorchChoice.plan(facts(Device.CPU, d, true, List.of(CPU_JAR, CUDA_JAR), null));
            assertThat(p.source()).isEqualTo(Source.BUNDLED_CPU);
            assertThat(p.cpuReason()).isNull();
            assertThat(p.libraryPath()).isNull();
        }
    }

    @Test
    void gpuWithoutADriverFallsBackWithTheProbeReason() {
        LibTorchChoice.Plan p = LibTorchChoice.plan(facts(Device.GPU, NONE, true, List.of(CPU_JAR), null));
        assertThat(p.source()).isEqualTo(Source.BUNDLED_CPU);
        assertThat(p.cpuReason()).contains("no NVIDIA GPU").contains("libnvidia-ml");
    }

    @Test
    void gpuTakesTheCudaJarThenTheCacheThenTheDownload() {
        assertThat(LibTorchChoice.plan(facts(Device.GPU, H100, true, List.of(CPU_JAR, CUDA_JAR), Path.of("/c")))
                .source()).isEqualTo(Source.CUDA_JAR);
        LibTorchChoice.Plan cached = LibTorchChoice.plan(facts(Device.GPU, H100, true, List.of(CPU_JAR),
                Path.of("/root/.djl.ai/pytorch/2.7.1-cu128-linux-x86_64")));
        assertThat(cached.source()).isEqualTo(Source.DJL_CACHE);
        assertThat(cached.flavor()).isEqualTo("cu128");
        assertThat(cached.libraryPath()).hasToString("/root/.djl.ai/pytorch/2.7.1-cu128-linux-x86_64");
        LibTorchChoice.Plan online = LibTorchChoice.plan(facts(Device.GPU, H100, false, List.of(CPU_JAR), null));
        assertThat(online.source()).isEqualTo(Source.DJL_DOWNLOAD);
        assertThat(online.cuda()).isTrue();
        LibTorchChoice.Plan offline = LibTorchChoice.plan(facts(Device.GPU, H100, true, List.of(CPU_JAR), null));
        assertThat(offline.source()).isEqualTo(Source.BUNDLED_CPU);
        assertThat(offline.cpuReason()).contains("offline").contains("PYTORCH_LIBRARY_PATH")
                .contains("pytorch-native-cu128").contains("DJL_OFFLINE=false");
    }

    @Test
    void aCudaJarForAnotherPlatformIsIgnored() {
        LibTorchChoice.NativeJar windows = new LibTorchChoice.NativeJar("cu128", "win-x86_64", "2.7.1", List.of(), "w");
        assertThat(LibTorchChoice.plan(facts(Device.GPU, H100, true, List.of(CPU_JAR, windows), null)).source())
                .isEqualTo(Source.BUNDLED_CPU);
    }

    @Test
    void aDriverTooOldForCuda12SaysWhichVersionIsNeeded() {
        LibTorchChoice.Plan p = LibTorchChoice.plan(facts(Device.GPU, OLD, false, List.of(CUDA_JAR), null));
        assertThat(p.source()).isEqualTo(Source.BUNDLED_CPU);
        assertThat(p.cpuReason()).contains("470.256.02").contains("CUDA 11.4").contains("525.60.13");
    }

    @Test
    void platformsWithoutCudaBuildsRunOnTheCpu() {
        LibTorchChoice.Facts arm = new LibTorchChoice.Facts(Device.GPU, null, false, null, null, false, "linux-aarch64",
                H100, List.of(), null);
        assertThat(LibTorchChoice.plan(arm).cpuReason()).contains("linux-aarch64");
    }

    @Test
    void aLocalLibtorchWinsAndItsFlavourSelectsTheJni() {
        LibTorchChoice.Plan cuda = LibTorchChoice.plan(new LibTorchChoice.Facts(Device.CPU, "/opt/libtorch/lib", true,
                "2.7.1+cu128", null, true, "linux-x86_64", NONE, List.of(CPU_JAR), null));
        assertThat(cuda.source()).isEqualTo(Source.LOCAL);
        assertThat(cuda.flavor()).isEqualTo("cu128");
        assertThat(cuda.warning()).isNull();
        assertThat(cuda.describe()).contains("PYTORCH_LIBRARY_PATH=/opt/libtorch/lib");

        LibTorchChoice.Plan cpuOnly = LibTorchChoice.plan(new LibTorchChoice.Facts(Device.GPU, "/opt/cpu/lib", false,
                null, null, true, "linux-x86_64", H100, List.of(), null));
        assertThat(cpuOnly.flavor()).isEqualTo("cpu");
        assertThat(cpuOnly.cpuReason()).contains("CPU-only libtorch");

        LibTorchChoice.Plan pinned = LibTorchChoice.plan(new LibTorchChoice.Facts(Device.GPU, "/x/lib", true,
                "2.11.0+cu130", "cu130", true, "linux-x86_64", H100, List.of(), null));
        assertThat(pinned.flavor()).as("PYTORCH_FLAVOR is the user's").isEqualTo("cu130");
        assertThat(pinned.warning()).contains("2.11.0").contains("2.7.1").contains("libdjl_torch");
        assertThat(pinned.cpuReason()).isNull();
    }
}
