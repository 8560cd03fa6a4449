package org.scjava.models;

import org.scjava.models.api.CheckpointException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Locates the files of a downloaded model directory, with errors that list what is there. */
public final class ModelFiles {

    private ModelFiles() {
    }

    /** The model directory itself, checked. */
    public static Path directory(Path dir, String kind) {
        if (!Files.isDirectory(dir)) {
            throw new CheckpointException(kind + " model directory " + dir.toAbsolutePath() + " does not exist or is not a"
                    + " directory");
        }
        return dir;
    }

    /** The first of {@code names} present in {@code dir}; a clear error listing the directory otherwise. */
    public static Path require(Path dir, String kind, String... names) {
        for (String n : names) {
            Path p = dir.resolve(n);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new CheckpointException(kind + " model directory " + dir + " lacks " + String.join(" or ", names)
                + "; it contains " + listing(dir));
    }

    /** The first of {@code names} present, or null. */
    public static Path optional(Path dir, String... names) {
        for (String n : names) {
            if (Files.isRegularFile(dir.resolve(n))) {
                return dir.resolve(n);
            }
        }
        return null;
    }

    private static List<String> listing(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return List.of("(unreadable: " + e.getMessage() + ")");
        }
    }
}
