package org.scjava.models.runtime.djl;

import org.scjava.models.api.ModelException;
import org.scjava.models.runtime.LeakGuard;
import org.scjava.models.runtime.RuntimeHandle;

/**
 * Common lifecycle of the DJL-backed handles: native resources registered once with a {@link LeakGuard}, calls
 * refused after {@link #close()}, idempotent close.
 */
abstract class DjlHandle implements RuntimeHandle {

    private final String deviceName;
    private LeakGuard guard;
    private boolean closed;

    DjlHandle(String deviceName) {
        this.deviceName = deviceName;
    }

    /** Registers the native resources; called once at the end of the subclass constructor. */
    final void guard(String description, AutoCloseable resources) {
        this.guard = LeakGuard.register(this, description, resources);
    }

    final synchronized void checkOpen() {
        if (closed) {
            throw new ModelException("this model handle is closed; load the model again");
        }
    }

    @Override
    public String deviceName() {
        return deviceName;
    }

    @Override
    public String engineInfo() {
        return DjlEngine.info();
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            guard.close();
        }
    }
}
