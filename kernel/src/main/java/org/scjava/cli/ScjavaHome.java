package org.scjava.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root the launcher runs from ({@code -Dscjava.home}), for bundled data and notebooks. */
public final class ScjavaHome {

    private ScjavaHome() {
    }

    public static Path root() {
        String home = System.getProperty("scjava.home");
        Path p = home != null ? Path.of(home) : Path.of("").toAbsolutePath();
        if (!Files.isDirectory(p.resolve("data"))) {
            throw new IllegalStateException("scjava home " + p + " has no data/ folder; run through ./scjava or set -Dscjava.home");
        }
        return p;
    }

    public static Path path(String first, String... more) {
        return root().resolve(Path.of(first, more));
    }
}
