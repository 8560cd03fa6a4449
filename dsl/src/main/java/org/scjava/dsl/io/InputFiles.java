package org.scjava.dsl.io;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Checks a path is an ordinary file before any reader opens it: opening a FIFO blocks until a writer appears, and a
 * device such as {@code /dev/zero} reads forever, so both are refused by their file type, before {@code open}.
 */
public final class InputFiles {

    private InputFiles() {
    }

    /** Throws unless {@code file} exists and is a regular file (symbolic links are followed). */
    public static void requireRegularFile(Path file) {
        if (!Files.exists(file)) {
            throw new AtlasFormatException(file, "", "no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new AtlasFormatException(file, "", "not a regular file (" + kind(file) + "); expected a data file");
        }
    }

    /** What a non-regular path is, for messages: "a directory", "a FIFO, device or socket". */
    public static String kind(Path file) {
        if (Files.isDirectory(file)) {
            return "a directory";
        }
        if (Files.isSymbolicLink(file) && !Files.exists(file)) {
            return "a broken symbolic link";
        }
        return Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? "a FIFO, device or socket" : "missing";
    }
}
