package org.scjava.models.runtime;

/**
 * Where and how a runtime computes: the device asked for, the number format, and libtorch's intra-op threads (0 keeps
 * libtorch's default; a process-wide setting).
 *
 * @param device    the device the user asked for; the engine may run on the CPU instead when no usable GPU is
 *                  found, and says so once (see {@link RuntimeHandle#deviceName()})
 * @param precision weights and activations format
 * @param threads   libtorch intra-op threads, 0 for its default
 */
public record Placement(Device device, Precision precision, int threads) {

    public Placement {
        if (device == null || precision == null || threads < 0) {
            throw new IllegalArgumentException("a placement needs a device, a precision and threads >= 0");
        }
    }

    /** Float32 on {@code device}. */
    public static Placement of(Device device, int threads) {
        return new Placement(device, Precision.FP32, threads);
    }
}
