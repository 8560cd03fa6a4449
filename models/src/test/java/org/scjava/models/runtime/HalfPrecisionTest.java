package org.scjava.models.runtime;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.models.Fixtures;
import org.scjava.models.ModelOptions;
import org.scjava.models.Models;
import org.scjava.models.api.FoundationModel;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Half precision (fp16, bf16) against fp32 on the CPU libtorch, for the scGPT and Geneformer fixtures (both checkpoint
 * styles each): the deviation of the cell embeddings stays within the tolerance {@link Precision} documents, the
 * embeddings point the same way (cosine), and provenance records the precision. The same code runs on a GPU, where
 * the half formats are the fast path ({@code GpuParityTest}).
 */
class HalfPrecisionTest {

    /** Documented bounds (Precision's javadoc): relative L2 error per cell and the least cosine similarity. */
    static final double FP16_MAX_RELATIVE = 1e-2;
    static final double BF16_MAX_RELATIVE = 5e-2;
    static final double MIN_COSINE = 0.999;

    @ParameterizedTest(name = "{0} {1} in {2}")
    @CsvSource({"scgpt, scgpt/whole_human_style, fp16", "scgpt, scgpt/torch_style, bf16",
            "scgpt, scgpt/whole_human_style, bf16", "geneformer, geneformer/v1, fp16",
            "geneformer, geneformer/v2, fp16", "geneformer, geneformer/v2, bf16"})
    void halfPrecisionEmbeddingsStayWithinTheDocumentedTolerance(String kind, String dir, String precision) {
        Atlas cells = Atlas.load(Fixtures.path("inputs/cells.h5ad"));
        float[][] full;
        float[][] half;
        try (FoundationModel m = Models.load(kind, Fixtures.path(dir), ModelOptions.defaults())) {
            full = m.embedCells(cells);
        }
        try (FoundationModel m = Models.load(kind, Fixtures.path(dir), ModelOptions.defaults().withPrecision(precision))) {
            half = m.embedCells(cells);
            assertThat(m.provenance()).containsEntry("precision", precision);
        }
        double maxAbs = 0;
        double maxRelative = 0;
        double minCos = 1;
        for (int c = 0; c < full.length; c++) {
            maxAbs = Math.max(maxAbs, Fixtures.maxAbsDiff(full[c], half[c]));
            maxRelative = Math.max(maxRelative, Fixtures.relativeError(full[c], half[c]));
            minCos = Math.min(minCos, Fixtures.cosine(full[c], half[c]));
        }
        System.out.printf(Locale.ROOT, "%s %s %s: max |half - fp32| = %.3g, max relative L2 error = %.3g,"
                + " least cosine = %.6f%n", kind, dir, precision, maxAbs, maxRelative, minCos);
        assertThat(maxRelative).as("largest relative L2 error of a cell").isGreaterThan(0)
                .isLessThanOrEqualTo(precision.equals("fp16") ? FP16_MAX_RELATIVE : BF16_MAX_RELATIVE);
        assertThat(minCos).as("least cosine to fp32").isGreaterThanOrEqualTo(MIN_COSINE);
    }
}
