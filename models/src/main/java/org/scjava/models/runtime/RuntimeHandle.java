package org.scjava.models.runtime;

/**
 * What every loaded runtime tells provenance and how it is freed: the device, the engine, and {@link #close()}.
 * Implementations own native memory (weights on the device); close is idempotent.
 */
public interface RuntimeHandle extends AutoCloseable {

    /** The device in words, e.g. "cpu" or "gpu(0)". */
    String deviceName();

    /** The number format the runtime computes in (float32 unless a half precision was asked for and supported). */
    default Precision precision() {
        return Precision.FP32;
    }

    /** libtorch version and thread settings, for provenance. */
    String engineInfo();

    @Override
    void close();
}
