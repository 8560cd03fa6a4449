package org.scjava.dsl.io.fuzz;

import org.scjava.dsl.io.AtlasIO;
import org.scjava.dsl.io.AtlasFormatException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The body of the reader fuzz tests: the fuzzer's bytes are written to a file (one per JVM, rewritten per input) and
 * loaded; the hostile-input contract allows a successful load or an {@link AtlasFormatException} and nothing else,
 * so any other throwable (and any OutOfMemoryError, stack overflow or timeout) is a finding. Element reads are
 * budgeted to 64 MiB so that a declared size is checked, not allocated.
 */
final class FuzzFiles {

    private static final Path DIR = tempDir();

    private FuzzFiles() {
    }

    private static Path tempDir() {
        System.setProperty("scjava.io.maxElementBytes", String.valueOf(64L << 20));
        try {
            return Files.createTempDirectory("scjava-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void load(byte[] data, String name) throws IOException {
        Path f = DIR.resolve(name);
        Files.write(f, data);
        try {
            AtlasIO.read(f); // the reader behind Atlas.load, without loading the verb facade
        } catch (AtlasFormatException expected) {
            if (!expected.getMessage().contains(name)) {
                throw new AssertionError("error does not name the file: " + expected.getMessage(), expected);
            }
        }
    }
}
