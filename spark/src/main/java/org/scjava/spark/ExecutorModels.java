package org.scjava.spark;

import org.scjava.dsl.api.CellEmbedder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One model handle per executor JVM and {@link ModelSpec}: loaded by the first task that needs it, shared by the
 * executor's task threads after that (model handles are thread-safe for embedCells), and closed when the JVM
 * exits. Loading a foundation model takes seconds and hundreds of MB, so it must not happen per task or partition.
 */
final class ExecutorModels {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorModels.class);
    private static final Map<ModelSpec, CellEmbedder> MODELS = new ConcurrentHashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ExecutorModels::closeAll, "scjava-executor-models"));
    }

    private ExecutorModels() {
    }

    static CellEmbedder get(ModelSpec spec) {
        return MODELS.computeIfAbsent(spec, s -> {
            long t = System.nanoTime();
            CellEmbedder m = s.load();
            LOADS.incrementAndGet();
            LOG.info("executor loaded {} from {} in {} ms", s.kind(), s.path(), (System.nanoTime() - t) / 1_000_000);
            return m;
        });
    }

    /** How many models this JVM has loaded (the "once per executor" check). */
    static int loads() {
        return LOADS.get();
    }

    static void closeAll() {
        MODELS.values().forEach(m -> {
            if (m instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.warn("closing {} failed: {}", m.name(), e.toString());
                }
            }
        });
        MODELS.clear();
    }
}
