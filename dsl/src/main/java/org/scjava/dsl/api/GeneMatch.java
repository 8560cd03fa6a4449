package org.scjava.dsl.api;

import org.scjava.dsl.core.AtlasException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * How many genes of an Atlas a model's vocabulary covers, and the rule applied before embedding: below
 * {@value #REFUSE_BELOW} (1 %) the embedding would be noise, so it is refused; below {@value #WARN_BELOW} (50 %) a
 * warning says the result may be degraded.
 *
 * @param matched  genes (var columns) the model can use
 * @param total    genes in the data
 * @param key      where the gene identifiers came from (e.g. "var index", "var['ensembl_id']")
 * @param expected what identifiers the model expects, for the error message
 */
public record GeneMatch(int matched, int total, String key, String expected) {

    public static final double REFUSE_BELOW = 0.01;
    public static final double WARN_BELOW = 0.5;

    private static final Logger LOG = LoggerFactory.getLogger(GeneMatch.class);
    private static final ThreadLocal<Boolean> QUIET = ThreadLocal.withInitial(() -> false);

    public double rate() {
        return total == 0 ? 0.0 : matched / (double) total;
    }

    /** Throws when the match rate is below 1 % (without logging a warning). */
    public void refuseIfUnusable(String model) {
        if (rate() < REFUSE_BELOW) {
            throw new AtlasException(String.format(Locale.ROOT,
                    "%s: only %d of %d genes (%.2f%%) in %s are in the model's vocabulary; refusing to embed (needs at"
                            + " least %.0f%%). %s expects %s. Check the gene identifiers (symbols vs Ensembl IDs,"
                            + " species: map mouse genes to human orthologs first) or pass the right var column"
                            + " (ModelOptions.withGeneColumn).",
                    model, matched, total, 100 * rate(), key, 100 * REFUSE_BELOW, model, expected));
        }
    }

    /** {@link #refuseIfUnusable} plus a WARN line below 50 %. */
    public void check(String model) {
        refuseIfUnusable(model);
        if (rate() < WARN_BELOW && !QUIET.get()) {
            LOG.warn(String.format(Locale.ROOT, "%s: only %d of %d genes (%.1f%%) in %s are in the model's vocabulary;"
                    + " embeddings may be degraded (%s expects %s)", model, matched, total, 100 * rate(), key, model, expected));
        }
    }

    /**
     * Runs {@code body} with the warning of {@link #check} off on this thread (the refusal stays): for callers that
     * embed one dataset in many pieces, such as streamed row blocks, and have warned once for the whole.
     */
    public static <T> T quietly(java.util.function.Supplier<T> body) {
        boolean before = QUIET.get();
        QUIET.set(true);
        try {
            return body.get();
        } finally {
            QUIET.set(before);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d/%d genes (%.1f%%) via %s", matched, total, 100 * rate(), key);
    }
}
