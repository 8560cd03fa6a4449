package org.scjava.models.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.ref.Cleaner;

/**
 * Frees a model's native memory if its handle is garbage-collected without {@code close()}, and says so with a
 * WARN line (DJL's own finalizer only logs at debug level). Closing the handle normally deregisters the guard.
 * Uses {@link Cleaner}: the action holds only the resources, never the handle itself.
 */
public final class LeakGuard implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LeakGuard.class);
    private static final Cleaner CLEANER = Cleaner.create();
    private static final java.util.concurrent.atomic.AtomicLong UNCLOSED = new java.util.concurrent.atomic.AtomicLong();

    private final Action action;
    private final Cleaner.Cleanable cleanable;

    private LeakGuard(Object owner, String description, AutoCloseable resources) {
        this.action = new Action(description, resources);
        this.cleanable = CLEANER.register(owner, action);
    }

    /** Guards {@code resources} of {@code owner}; {@code description} names the model in the warning. */
    public static LeakGuard register(Object owner, String description, AutoCloseable resources) {
        return new LeakGuard(owner, description, resources);
    }

    /** How many guarded handles were garbage-collected without close() in this JVM (diagnostics, tests). */
    public static long unclosedCount() {
        return UNCLOSED.get();
    }

    /** Releases the resources now (the normal path, from the owner's close()). Idempotent. */
    @Override
    public void close() {
        action.explicit = true;
        cleanable.clean();
    }

    private static final class Action implements Runnable {
        private final String description;
        private final AutoCloseable resources;
        private volatile boolean explicit;

        Action(String description, AutoCloseable resources) {
            this.description = description;
            this.resources = resources;
        }

        @Override
        public void run() {
            if (!explicit) {
                UNCLOSED.incrementAndGet();
                LOG.warn("{} was garbage-collected without close(): its native memory is freed now. Close models when"
                        + " done (model.close() or try-with-resources; %model close NAME in a notebook).", description);
            }
            try {
                resources.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", description, e.toString());
            }
        }
    }
}
