package org.scjava.models.runtime;

import org.scjava.models.api.ModelException;

import java.lang.management.ManagementFactory;

/**
 * Sizes batches so a forward pass fits in memory: estimates the bytes one padded token needs during the forward
 * (activations of one layer, attention scratch, returned hidden states) and caps the tokens per batch at half of the
 * free physical memory; a single cell that cannot fit is refused with the numbers instead of crashing native code.
 */
public final class MemoryGuard {

    private static final long FALLBACK_FREE = 2L << 30;

    private MemoryGuard() {
    }

    /** Bytes per padded token at sequence length {@code len}, keeping {@code keptStates} hidden states. */
    public static long bytesPerToken(EncoderSpec spec, int len, int keptStates) {
        long activations = 4L * (10L * spec.dModel() + 2L * spec.ffn());
        long attentionScratch = 4L * spec.heads() * Math.min(len, 256); // flash attention works in key blocks
        long kept = 4L * (keptStates + 1) * spec.dModel() * 2; // device copy + host copy
        return activations + attentionScratch + kept;
    }

    /** The token budget per batch: {@code requested}, lowered to fit half the free memory. */
    public static long tokensPerBatch(EncoderSpec spec, int longest, int keptStates, long requested) {
        long perToken = bytesPerToken(spec, longest, keptStates);
        long budget = freeBytes() / 2 / perToken;
        long oneCell = (long) longest * perToken;
        if (oneCell > freeBytes()) {
            throw new ModelException(String.format(java.util.Locale.ROOT,
                    "a cell of %d tokens needs about %.1f GiB for the forward pass but only %.1f GiB of memory is free;"
                            + " lower the maximum sequence length or free memory", longest, oneCell / 1073741824.0,
                    freeBytes() / 1073741824.0));
        }
        return Math.max(longest, Math.min(requested, budget));
    }

    /** MemAvailable from /proc/meminfo on Linux (free + reclaimable cache), else the JVM's view of free memory. */
    static long freeBytes() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
                }
            }
        } catch (java.io.IOException | NumberFormatException | SecurityException e) {
            // not Linux or not readable: fall through to the MXBean
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long free = os.getFreeMemorySize();
            return free > 0 ? free : FALLBACK_FREE;
        }
        return FALLBACK_FREE;
    }
}
