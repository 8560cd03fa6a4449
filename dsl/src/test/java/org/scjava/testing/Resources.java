package org.scjava.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test resources and the repository's bundled data. */
public final class Resources {

    private Resources() {
    }

    public static String text(String resource) {
        try (InputStream in = Resources.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The repository root (set by surefire as scjava.repo.root; falls back to walking up from the module). */
    public static Path repoRoot() {
        String p = System.getProperty("scjava.repo.root");
        Path root = p != null ? Path.of(p) : Path.of("").toAbsolutePath().getParent();
        if (!Files.isDirectory(root.resolve("data"))) {
            throw new AssertionError("cannot find the repository's data/ folder from " + root);
        }
        return root;
    }

    /** A bundled data file under data/. */
    public static Path data(String name) {
        Path f = repoRoot().resolve("data").resolve(name);
        if (!Files.exists(f)) {
            throw new AssertionError("missing bundled data file " + f);
        }
        return f;
    }
}
