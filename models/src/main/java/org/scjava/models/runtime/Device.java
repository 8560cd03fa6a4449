package org.scjava.models.runtime;

import java.util.Locale;

/** Where a model runs: the CPU (default) or a CUDA GPU visible to libtorch. */
public enum Device {
    CPU, GPU;

    /** Parses "cpu", "gpu" or "cuda" (any case), as the {@code --device} flag and {@code %model load} accept. */
    public static Device parse(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "cpu" -> CPU;
            case "gpu", "cuda" -> GPU;
            default -> throw new IllegalArgumentException("unknown device '" + s + "'; use cpu or gpu");
        };
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
