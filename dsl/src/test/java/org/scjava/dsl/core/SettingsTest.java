package org.scjava.dsl.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** scanpy's verbosity levels, by name and number, and the front-end listener. */
class SettingsTest {

    @Test
    void verbosityByNameOrNumberTellsListeners() {
        Settings.Verbosity before = Settings.verbosity();
        List<Settings.Verbosity> seen = new ArrayList<>();
        Settings.onVerbosityChange(seen::add);
        try {
            Settings.verbosity("info");
            assertThat(Settings.verbosity()).isEqualTo(Settings.Verbosity.INFO);
            Settings.verbosity(4);
            assertThat(Settings.verbosity()).isEqualTo(Settings.Verbosity.DEBUG);
            Settings.verbosity("WARN");
            assertThat(seen).containsExactly(before, Settings.Verbosity.INFO, Settings.Verbosity.DEBUG,
                    Settings.Verbosity.WARNING);
            assertThat(Settings.Verbosity.INFO.shows(Settings.Verbosity.WARNING)).isTrue();
            assertThat(Settings.Verbosity.WARNING.shows(Settings.Verbosity.INFO)).isFalse();
        } finally {
            Settings.verbosity(before);
        }
        assertThatThrownBy(() -> Settings.verbosity("loud")).hasMessageContaining("unknown verbosity 'loud'")
                .hasMessageContaining("info");
        assertThatThrownBy(() -> Settings.verbosity(7)).hasMessageContaining("0 (error) to 4 (debug)");
    }
}
