package org.scjava.models.runtime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The driver facts: parsing {@code nvidia-smi -q}, CUDA version codes, and a probe that never throws. */
class GpuProbeTest {

    /** Abridged {@code nvidia-smi -q} of a two-GPU machine (driver 580; field layout as printed by nvidia-smi 580). */
    static final String SMI = """
            ==============NVSMI LOG==============

            Timestamp                                 : Mon Dec  7 21:00:00 2026
            Driver Version                            : 580.159.04
            CUDA Version                              : 13.0

            Attached GPUs                             : 2
            GPU 00000000:00:07.0
                Product Name                          : NVIDIA H100 80GB HBM3
                Product Brand                         : NVIDIA
                FB Memory Usage
                    Total                             : 81559 MiB
                    Reserved                          : 552 MiB
                    Used                              : 1 MiB
                    Free                              : 81007 MiB
                BAR1 Memory Usage
                    Total                             : 131072 MiB
                    Used                              : 1 MiB
                    Free                              : 131071 MiB

            GPU 00000000:00:08.0
                Product Name                          : Tesla T4
                FB Memory Usage
                    Total                             : 15360 MiB
                    Reserved                          : 100 MiB
                    Used                              : 2048 MiB
                    Free                              : 13212 MiB
            """;

    @Test
    void nvidiaSmiQueryIsParsedPerCard() {
        GpuDriver d = GpuProbe.parseNvidiaSmi(SMI);
        assertThat(d.driverVersion()).isEqualTo("580.159.04");
        assertThat(d.cudaVersion()).isEqualTo(13000);
        assertThat(d.cards()).hasSize(2);
        assertThat(d.cards().get(0).name()).isEqualTo("NVIDIA H100 80GB HBM3");
        assertThat(d.cards().get(0).totalBytes()).isEqualTo(81559L << 20);
        assertThat(d.cards().get(0).freeBytes()).as("FB free, not BAR1 free").isEqualTo(81007L << 20);
        assertThat(d.cards().get(1).freeBytes()).isEqualTo(13212L << 20);
        assertThat(d.describe()).isEqualTo("driver 580.159.04 (CUDA 13.0), 2 GPUs (nvidia-smi)");
        assertThat(d.cudaDeviceZero("1").name()).isEqualTo("Tesla T4");
        assertThat(d.cudaDeviceZero(null).name()).startsWith("NVIDIA H100");
        assertThat(d.cudaDeviceZero("GPU-8f2c")).as("UUIDs: the driver's first card").isSameAs(d.cards().get(0));
        assertThat(d.cards().get(0).describe()).isEqualTo("NVIDIA H100 80GB HBM3, 79.1 GiB free of 79.6 GiB");
    }

    @Test
    void cudaVersionCodesFollowCudaDriverGetVersion() {
        assertThat(GpuProbe.cudaCode("12.8")).isEqualTo(12080);
        assertThat(GpuProbe.cudaCode("11.4")).isEqualTo(11040);
        assertThat(GpuProbe.cudaCode("n/a")).isZero();
        assertThat(new GpuDriver("x", 12080, java.util.List.of(), "t").cudaVersionString()).isEqualTo("12.8");
        assertThat(GpuProbe.parseNvidiaSmi("No devices were found").present()).isFalse();
    }

    @Test
    void probingNeverThrowsAndExplainsAnAbsentGpu() {
        GpuDriver d = GpuProbe.probe();
        if (d.present()) {
            assertThat(d.cards()).allSatisfy(c -> assertThat(c.totalBytes()).isGreaterThan(0));
            assertThat(d.cudaVersion()).isGreaterThan(0);
        } else {
            assertThat(d.describe()).startsWith("no NVIDIA GPU: ").hasSizeGreaterThan(20);
            assertThat(GpuProbe.freeBytes(0)).isEqualTo(-1);
        }
    }
}
