package org.scjava.kernel.logging;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.scjava.dsl.core.Settings;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** SLF4J → java.util.logging → a sink, by severity, at the levels the verbosity sets. */
class LogLevelsTest {

    private final List<String> seen = new ArrayList<>();

    private final LogSink recorder = new LogSink() {
        @Override
        public void warning(String message) {
            seen.add("warning " + message);
        }

        @Override
        public void info(String message) {
            seen.add("info " + message);
        }

        @Override
        public void error(String message) {
            seen.add("error " + message);
        }
    };

    @AfterEach
    void restore() {
        Settings.verbosity(Settings.Verbosity.WARNING);
        LogLevels.install(LogSink.lines(() -> System.err));
    }

    @Test
    void quietByDefaultAndInformativeOnRequest() {
        Settings.verbosity(Settings.Verbosity.WARNING);
        LogLevels.install(recorder);
        var verb = LoggerFactory.getLogger("org.scjava.dsl.core.AtlasData");
        var cuda = LoggerFactory.getLogger("ai.djl.util.cuda.CudaUtils");
        var library = LoggerFactory.getLogger("io.jhdf.HdfFile");
        verb.info("leiden: wrote obs['leiden'] ({} clusters) (12 ms)", 8);
        verb.warn("only {} of {} genes matched", 241, 15195);
        cuda.warn("Failed to detect GPU count: CUDA driver version is insufficient");
        library.info("Opened file");
        assertThat(seen).containsExactly("warning only 241 of 15195 genes matched");

        seen.clear();
        Settings.verbosity("info");
        verb.info("leiden: wrote obs['leiden'] ({} clusters) (12 ms)", 8);
        library.info("Opened file");
        cuda.warn("Failed to detect GPU count");
        verb.error("renderer failed", new IllegalStateException("boom"));
        assertThat(seen).containsExactly("info leiden: wrote obs['leiden'] (8 clusters) (12 ms)",
                "error renderer failed: java.lang.IllegalStateException: boom");

        seen.clear();
        Settings.verbosity("debug");
        verb.debug("details");
        cuda.warn("Failed to detect GPU count");
        library.info("Opened file");
        assertThat(seen).containsExactly("info details", "warning Failed to detect GPU count", "info Opened file");
    }
}
