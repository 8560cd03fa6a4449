package org.scjava.models.runtime;

import java.util.Locale;

/**
 * One NVIDIA GPU as its driver reports it (NVML, or {@code nvidia-smi -q} where NVML cannot be loaded).
 *
 * @param index      the driver's device index
 * @param name       e.g. "NVIDIA H100 80GB HBM3"
 * @param totalBytes device memory
 * @param freeBytes  device memory free now, other processes' allocations (and libtorch's cache) excluded
 */
public record GpuCard(int index, String name, long totalBytes, long freeBytes) {

    /** "NVIDIA H100 80GB HBM3, 79.1 GiB free of 79.6 GiB". */
    public String describe() {
        return String.format(Locale.ROOT, "%s, %.1f GiB free of %.1f GiB", name, freeBytes / GIB, totalBytes / GIB);
    }

    private static final double GIB = 1024.0 * 1024 * 1024;
}
