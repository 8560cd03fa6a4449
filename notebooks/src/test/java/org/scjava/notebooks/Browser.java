package org.scjava.notebooks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Debian's headless Chromium driven by playwright-core (src/test/browser/), as the browser tests use it: the tools
 * required (a test fails, never skips, without them), the npm install into target/, and the scripts.
 */
final class Browser {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final List<String> FILES = List.of("package.json", "package-lock.json", "run_quickstart.mjs",
            "screenshot_notebooks.mjs");

    private Browser() {
    }

    /** Fails with the Debian packages to install when a tool is missing. */
    static void requireTools(String... tools) {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(CHROMIUM)) {
            missing.add("chromium (" + CHROMIUM + ")");
        }
        for (String tool : tools) {
            if (onPath(tool) == null) {
                missing.add(tool);
            }
        }
        if (!missing.isEmpty()) {
            fail("the browser test needs " + missing + ": install the Debian packages in scripts/apt/notebooks.txt "
                    + "(./scjava test does)");
        }
    }

    private static Path onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** playwright-core from npm as package-lock.json pins it, into {@code work} (Chromium is Debian's, not downloaded). */
    static void install(Path work) throws Exception {
        Files.createDirectories(work);
        Path src = Repo.NOTEBOOKS.resolve("src/test/browser");
        for (String f : FILES) {
            Files.copy(src.resolve(f), work.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        Repo.Result r = Repo.run(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"), work,
                List.of("npm", "ci", "--no-audit", "--no-fund"), 5);
        assertThat(r.exitCode()).as("npm ci in " + work + ":\n" + r.output()).isZero();
    }

    /**
     * Opens each executed notebook's HTML as a reader would: no stderr box, no error, every figure loaded at a
     * readable size; a screenshot per figure and per notebook into {@code shots}. Returns the script's report.
     */
    static Repo.Result screenshot(Path work, Path shots, List<Path> html) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("node", "screenshot_notebooks.mjs", shots.toString()));
        html.forEach(h -> cmd.add(h.toString()));
        return Repo.run(Map.of(), work, cmd, 5);
    }
}
