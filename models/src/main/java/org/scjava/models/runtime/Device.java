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

    /** The system property {@code %device gpu} sets; it takes precedence over the environment's SCJAVA_DEVICE. */
    public static final String PROPERTY = "scjava.device";

    /**
     * The session's device: {@code -Dscjava.device} (what {@code %device cpu|gpu} sets), else the environment variable
     * {@code SCJAVA_DEVICE}, else the CPU. It decides which libtorch the first model load picks and the device
     * {@code %model load} uses without {@code --device}; {@code ModelOptions.defaults()} stays on the CPU.
     */
    public static Device preferred() {
        String v = System.getProperty(PROPERTY);
        v = v != null ? v : System.getenv("SCJAVA_DEVICE");
        return v == null || v.isBlank() ? CPU : parse(v);
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
