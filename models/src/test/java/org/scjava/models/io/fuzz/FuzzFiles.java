package org.scjava.models.io.fuzz;

import org.scjava.models.api.ModelException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The body of the model-file fuzz tests: the fuzzer's bytes become a file that a reader opens; the hostile-input
 * contract allows a successful read or a {@link ModelException} naming the file, nothing else.
 */
final class FuzzFiles {

    private static final Path DIR = tempDir();

    private FuzzFiles() {
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("scjava-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    interface Reader {
        Object read(Path file);
    }

    static void read(byte[] data, String name, Reader reader) throws IOException {
        Path f = DIR.resolve(name);
        Files.write(f, data);
        try {
            reader.read(f);
        } catch (ModelException expected) {
            if (!String.valueOf(expected.getMessage()).contains(name)) {
                throw new AssertionError("error does not name the file: " + expected.getMessage(), expected);
            }
        }
    }
}
