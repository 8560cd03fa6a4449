package org.scjava.models.runtime;

import java.util.List;
import java.util.Locale;

/**
 * What the NVIDIA driver of this machine offers: its version, the newest CUDA version it runs, and its GPUs. Read
 * without loading any CUDA runtime or libtorch, so the engine can pick the libtorch flavour before loading one.
 *
 * @param driverVersion e.g. "580.159.04"; empty when there is no driver
 * @param cudaVersion   newest CUDA the driver supports, as CUDA encodes it (13000 = 13.0, 12080 = 12.8); 0 if unknown
 * @param cards         the GPUs, in the driver's order
 * @param source        where the facts came from ("NVML", "nvidia-smi") or why there are none
 */
public record GpuDriver(String driverVersion, int cudaVersion, List<GpuCard> cards, String source) {

    public GpuDriver {
        cards = List.copyOf(cards);
    }

    /** A machine without a usable NVIDIA driver; {@code why} says what was tried. */
    public static GpuDriver none(String why) {
        return new GpuDriver("", 0, List.of(), why);
    }

    public boolean present() {
        return !cards.isEmpty();
    }

    /**
     * The card CUDA numbers 0 (where libtorch's {@code gpu(0)} runs): the first index of {@code CUDA_VISIBLE_DEVICES}
     * when it lists driver indices, else the driver's first card; null without GPUs. (NVML numbers cards in PCI bus
     * order; CUDA orders the fastest first unless {@code CUDA_DEVICE_ORDER=PCI_BUS_ID}, which differ only on machines
     * with mixed cards.)
     */
    public GpuCard cudaDeviceZero(String cudaVisibleDevices) {
        if (cards.isEmpty()) {
            return null;
        }
        if (cudaVisibleDevices != null && cudaVisibleDevices.matches("\\s*\\d+\\s*(,.*)?")) {
            int first = Integer.parseInt(cudaVisibleDevices.split(",")[0].trim());
            for (GpuCard c : cards) {
                if (c.index() == first) {
                    return c;
                }
            }
        }
        return cards.get(0);
    }

    /** "13.0" for 13000. */
    public String cudaVersionString() {
        return cudaVersion <= 0 ? "unknown" : (cudaVersion / 1000) + "." + (cudaVersion % 1000) / 10;
    }

    /** One line for logs and {@code %device}: "driver 580.159.04 (CUDA 13.0), 1 GPU (NVML)". */
    public String describe() {
        if (!present()) {
            return "no NVIDIA GPU: " + source;
        }
        return String.format(Locale.ROOT, "driver %s (CUDA %s), %d GPU%s (%s)", driverVersion, cudaVersionString(),
                cards.size(), cards.size() == 1 ? "" : "s", source);
    }
}
