package org.scjava.models.runtime;

import org.scjava.models.api.ModelException;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Sizes batches so a forward pass fits in memory: estimates the bytes one padded token needs during the forward
 * (activations of one layer, attention scratch, returned hidden states) and caps the tokens per batch at a share of the
 * free memory of the device the model runs on — half of the free physical memory on the CPU, {@value #GPU_SHARE} of the
 * GPU's free memory as its driver reports it ({@link GpuProbe}). On a GPU the default batch limits grow to what that
 * memory holds (at most {@value #GPU_MAX_CELLS} cells), since bigger batches keep the card busy; limits set explicitly
 * are kept. A single cell that cannot fit is refused with the numbers instead of crashing native code.
 */
public final class MemoryGuard {

    /** The default cells per batch (scGPT's {@code embed_data} uses 64). */
    public static final int DEFAULT_CELLS = 64;
    /** The default padded tokens per batch on the CPU. */
    public static final long DEFAULT_TOKENS = 16_384;
    static final int GPU_MAX_CELLS = 1024;
    static final double GPU_SHARE = 0.6;

    private static final long FALLBACK_FREE = 2L << 30;

    /** Cells and padded tokens per batch. */
    public record Limits(int cells, long tokens) {
    }

    private MemoryGuard() {
    }

    /** Bytes per padded token at sequence length {@code len}, keeping {@code keptStates} hidden states, in fp32. */
    public static long bytesPerToken(EncoderSpec spec, int len, int keptStates) {
        return bytesPerToken(spec, len, keptStates, Precision.FP32);
    }

    /**
     * Bytes per padded token on the device: activations and attention scratch in {@code p}, each kept state once in
     * {@code p} and once as the float32 copy read back.
     */
    public static long bytesPerToken(EncoderSpec spec, int len, int keptStates, Precision p) {
        long activations = (long) p.bytes() * (10L * spec.dModel() + 2L * spec.ffn());
        long attentionScratch = (long) p.bytes() * spec.heads() * Math.min(len, 256); // flash attention: key blocks
        long kept = (long) (keptStates + 1) * spec.dModel() * (p.bytes() + 4);
        return activations + attentionScratch + kept;
    }

    /** The token budget per batch on the CPU: {@code requested}, lowered to fit half the free memory. */
    public static long tokensPerBatch(EncoderSpec spec, int longest, int keptStates, long requested) {
        return limits(spec, longest, keptStates, Integer.MAX_VALUE, requested, false, Precision.FP32).tokens();
    }

    /**
     * Batch limits for a run on the GPU ({@code gpu}) or the CPU. Free memory is read now (on a GPU, after the
     * runtime has released libtorch's cached blocks).
     */
    public static Limits limits(EncoderSpec spec, int longest, int keptStates, int requestedCells,
                                long requestedTokens, boolean gpu, Precision p) {
        long free = gpu ? gpuFreeBytes() : freeBytes();
        long usable = gpu ? (long) (free * GPU_SHARE) : free / 2;
        long perToken = bytesPerToken(spec, longest, keptStates, p);
        long oneCell = (long) longest * perToken;
        if (oneCell > usable) {
            throw new ModelException(String.format(Locale.ROOT,
                    "a cell of %d tokens needs about %.2f GiB for the forward pass but only %.2f GiB of %s memory is"
                            + " usable; lower the maximum sequence length or free memory", longest, oneCell / GIB,
                    usable / GIB, gpu ? "GPU" : "host"));
        }
        long budget = usable / perToken;
        boolean defaults = requestedCells == DEFAULT_CELLS && requestedTokens == DEFAULT_TOKENS;
        if (gpu && defaults) {
            return new Limits(GPU_MAX_CELLS, Math.max(longest, Math.min(budget, (long) GPU_MAX_CELLS * longest)));
        }
        return new Limits(requestedCells, Math.max(longest, Math.min(requestedTokens, budget)));
    }

    /** Free memory of the card CUDA calls device 0; the CPU's free memory when the driver cannot say. */
    static long gpuFreeBytes() {
        GpuCard card = GpuProbe.probe().cudaDeviceZero(System.getenv("CUDA_VISIBLE_DEVICES"));
        return card != null && card.freeBytes() > 0 ? card.freeBytes() : freeBytes();
    }

    private static final double GIB = 1073741824.0;

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
