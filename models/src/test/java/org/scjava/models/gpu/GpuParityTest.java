package org.scjava.models.gpu;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.io.Fasta;
import org.scjava.models.Fixtures;
import org.scjava.models.ModelOptions;
import org.scjava.models.Models;
import org.scjava.models.api.FoundationModel;
import org.scjava.models.api.ModelException;
import org.scjava.models.esm2.Esm2Model;
import org.scjava.models.runtime.EncoderSpec;
import org.scjava.models.runtime.GpuProbe;
import org.scjava.models.runtime.MemoryGuard;
import org.scjava.models.runtime.Precision;
import org.scjava.models.runtime.Runtimes;

import java.nio.file.Path;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs where a CUDA GPU is usable (tag {@code gpu}; the Maven build runs this tag in its own JVM with
 * {@code SCJAVA_DEVICE=gpu}, so libtorch is chosen for the GPU): every model on the GPU agrees with the same model on
 * the CPU within 1e-4 in fp32, the PBMC data embeds on the GPU as on the CPU, half precision stays within its
 * documented tolerance, and the memory guard sizes batches from the card's free memory. Elsewhere each test is skipped
 * with the reason (no NVIDIA driver, no CUDA libtorch, ...). With {@code -Dscjava.gpu.required=true}
 * ({@code bench/gpu/run.sh}) a machine that has a GPU but cannot use it fails instead of skipping.
 */
@Tag("gpu")
class GpuParityTest {

    static final double FP32_TOL = 1e-4;
    static Atlas cells;
    /** Why the GPU cannot be used here, or null; decided once, reported on every skipped test. */
    static String unusable;

    @BeforeAll
    static void findOutWhetherTheGpuIsUsable() {
        unusable = whyNoGpu();
        cells = unusable == null ? Atlas.load(Fixtures.path("inputs/cells.h5ad")) : null;
    }

    @BeforeEach
    void requireUsableGpu() {
        assumeTrue(unusable == null, () -> "skipped, no usable GPU: " + unusable);
    }

    private static String whyNoGpu() {
        String why = null;
        if (!GpuProbe.probe().present()) {
            why = GpuProbe.probe().describe();
        } else {
            try (FoundationModel probe = Models.scGPT(Fixtures.path("scgpt/torch_style"),
                    ModelOptions.defaults().withDevice("gpu"))) {
                if (!String.valueOf(probe.provenance().get("device")).startsWith("gpu")) {
                    why = Runtimes.engine().report().get("--device gpu");
                }
            }
            if (why != null && Boolean.getBoolean("scjava.gpu.required")) {
                fail("this machine has " + GpuProbe.probe().describe() + " but models do not run on it: " + why);
            }
        }
        return why;
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"scgpt, /fixtures/scgpt/whole_human_style", "scgpt, /fixtures/scgpt/torch_style",
            "geneformer, /fixtures/geneformer/v1", "geneformer, /fixtures/geneformer/v2", "scbert, /scbert",
            "scfoundation, /scfoundation", "torchscript, /torchscript/tiny_encoder.pt"})
    void everyCellModelOnTheGpuMatchesTheCpuInFp32(String kind, String path) {
        Path p = Fixtures.resource(path);
        float[][] cpu;
        float[][] gpu;
        try (FoundationModel m = Models.load(kind, p, ModelOptions.defaults())) {
            cpu = m.embedCells(cells);
        }
        try (FoundationModel m = Models.load(kind, p, ModelOptions.defaults().withDevice("gpu"))) {
            assertThat(m.provenance()).containsEntry("precision", "fp32").doesNotContainKey("device_requested");
            assertThat((String) m.provenance().get("device")).startsWith("gpu");
            gpu = m.embedCells(cells);
        }
        assertThat(maxAbsDiff(cpu, gpu)).as(kind + " gpu vs cpu").isLessThanOrEqualTo(FP32_TOL);
    }

    @Test
    void esm2OnTheGpuMatchesTheCpuInFp32() {
        Path dir = Fixtures.resource("/esm2");
        var records = Fasta.read(dir.resolve("proteins.fasta"));
        float[][] cpu;
        float[][] gpu;
        try (Esm2Model m = Esm2Model.builder().setCheckpoint(dir.resolve("esm2_t2_16_tiny.pt")).build()) {
            cpu = m.embed(records).mean();
        }
        try (Esm2Model m = Esm2Model.builder().setCheckpoint(dir.resolve("esm2_t2_16_tiny.pt"))
                .optOptions(ModelOptions.defaults().withDevice("gpu")).build()) {
            assertThat((String) m.provenance().get("device")).startsWith("gpu");
            gpu = m.embed(records).mean();
        }
        assertThat(maxAbsDiff(cpu, gpu)).isLessThanOrEqualTo(FP32_TOL);
    }

    @Test
    void pbmcEmbedsOnTheGpuAsOnTheCpuWithGpuSizedBatches() {
        Path root = Path.of(System.getProperty("scjava.repo.root", "../"));
        Atlas pbmc = Atlas.load(root.resolve("data/pbmc4k_soupx_2170cells_counts.h5ad"));
        Path model = Fixtures.path("scgpt/whole_human_style");
        float[][] cpu;
        float[][] gpu;
        try (FoundationModel m = Models.scGPT(model, ModelOptions.defaults())) {
            cpu = m.embedCells(pbmc);
        }
        try (FoundationModel m = Models.scGPT(model, ModelOptions.defaults().withDevice("gpu"))) {
            gpu = m.embedCells(pbmc);
            pbmc.embed(m);
        }
        assertThat(gpu).hasNumberOfRows(2170);
        assertThat(maxAbsDiff(cpu, gpu)).isLessThanOrEqualTo(FP32_TOL);
        assertThat(pbmc.obsm("X_scgpt").nRows()).isEqualTo(2170);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"scgpt, scgpt/whole_human_style, fp16", "scgpt, scgpt/whole_human_style, bf16",
            "geneformer, geneformer/v2, fp16", "geneformer, geneformer/v2, bf16"})
    void halfPrecisionOnTheGpuStaysWithinItsTolerance(String kind, String dir, String precision) {
        float[][] full;
        float[][] half;
        try (FoundationModel m = Models.load(kind, Fixtures.path(dir), ModelOptions.defaults().withDevice("gpu"))) {
            full = m.embedCells(cells);
        }
        try (FoundationModel m = Models.load(kind, Fixtures.path(dir),
                ModelOptions.defaults().withDevice("gpu").withPrecision(precision))) {
            assertThat(m.provenance()).containsEntry("precision", precision);
            half = m.embedCells(cells);
        }
        double worst = 0;
        for (int c = 0; c < full.length; c++) {
            worst = Math.max(worst, Fixtures.relativeError(full[c], half[c]));
        }
        System.out.printf(Locale.ROOT, "gpu %s %s %s: max relative L2 error %.3g%n", kind, dir, precision, worst);
        assertThat(worst).isLessThanOrEqualTo(Precision.parse(precision) == Precision.FP16 ? 1e-2 : 5e-2);
    }

    @Test
    void theMemoryGuardSizesBatchesFromFreeGpuMemory() {
        EncoderSpec geneformer = new EncoderSpec(EncoderSpec.InputStyle.BERT, 512, 8, 12, 1024, 1e-12, true, 4096);
        long free = GpuProbe.freeBytes(0);
        assertThat(free).isPositive();
        MemoryGuard.Limits limits = MemoryGuard.limits(geneformer, 2048, 1, MemoryGuard.DEFAULT_CELLS,
                MemoryGuard.DEFAULT_TOKENS, true, Precision.FP16);
        assertThat(limits.cells()).isGreaterThan(MemoryGuard.DEFAULT_CELLS);
        assertThat(limits.tokens() * MemoryGuard.bytesPerToken(geneformer, 2048, 1, Precision.FP16))
                .isLessThanOrEqualTo(free);
        EncoderSpec huge = new EncoderSpec(EncoderSpec.InputStyle.BERT, 1 << 16, 8, 1, 1 << 18, 1e-12, true, 0);
        assertThatThrownBy(() -> MemoryGuard.limits(huge, 1 << 16, 1, 1, 1 << 16, true, Precision.FP32))
                .isInstanceOf(ModelException.class).hasMessageContaining("GPU memory");
    }

    static double maxAbsDiff(float[][] a, float[][] b) {
        assertThat(b).hasSameDimensionsAs(a);
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Fixtures.maxAbsDiff(a[i], b[i]));
        }
        return m;
    }
}
