package org.scjava.models.runtime;

import org.junit.jupiter.api.Test;
import org.scjava.models.api.ModelException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Batch limits from free memory: precision halves the bytes per token, GPU runs grow the default limits. */
class MemoryGuardTest {

    private static final EncoderSpec GENEFORMER = new EncoderSpec(EncoderSpec.InputStyle.BERT, 512, 8, 12, 1024,
            1e-12, true, 4096);

    @Test
    void halfPrecisionNeedsLessThanFloat32PerToken() {
        long fp32 = MemoryGuard.bytesPerToken(GENEFORMER, 2048, 1, Precision.FP32);
        long fp16 = MemoryGuard.bytesPerToken(GENEFORMER, 2048, 1, Precision.FP16);
        assertThat(fp16).isLessThan(fp32).isGreaterThan(fp32 / 2);
        assertThat(MemoryGuard.bytesPerToken(GENEFORMER, 2048, 1)).isEqualTo(fp32);
    }

    @Test
    void explicitLimitsAreKeptAndDefaultsGrowOnlyOnAGpu() {
        MemoryGuard.Limits cpu = MemoryGuard.limits(GENEFORMER, 100, 1, MemoryGuard.DEFAULT_CELLS,
                MemoryGuard.DEFAULT_TOKENS, false, Precision.FP32);
        assertThat(cpu.cells()).isEqualTo(MemoryGuard.DEFAULT_CELLS);
        assertThat(cpu.tokens()).isBetween(100L, MemoryGuard.DEFAULT_TOKENS);
        // gpu=true reads the GPU's free memory, or the host's where there is no GPU (this test's machine may have none)
        MemoryGuard.Limits grown = MemoryGuard.limits(GENEFORMER, 100, 1, MemoryGuard.DEFAULT_CELLS,
                MemoryGuard.DEFAULT_TOKENS, true, Precision.FP16);
        assertThat(grown.cells()).isEqualTo(MemoryGuard.GPU_MAX_CELLS);
        assertThat(grown.tokens()).isLessThanOrEqualTo(100L * MemoryGuard.GPU_MAX_CELLS).isGreaterThanOrEqualTo(100);
        MemoryGuard.Limits explicit = MemoryGuard.limits(GENEFORMER, 100, 1, 8, 800, true, Precision.FP32);
        assertThat(explicit).isEqualTo(new MemoryGuard.Limits(8, 800));
    }

    @Test
    void aCellThatCannotFitIsRefusedWithTheNumbers() {
        EncoderSpec huge = new EncoderSpec(EncoderSpec.InputStyle.BERT, 1 << 16, 8, 1, 1 << 18, 1e-12, true, 0);
        assertThatThrownBy(() -> MemoryGuard.limits(huge, 1 << 20, 1, 1, 1 << 20, false, Precision.FP32))
                .isInstanceOf(ModelException.class).hasMessageContaining("tokens needs about")
                .hasMessageContaining("GiB of host memory");
    }
}
