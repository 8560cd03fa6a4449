package org.scjava.models.io;

import org.scjava.models.api.CheckpointException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens model files safely: only regular files (a FIFO would block the open, {@code /dev/zero} would read for ever)
 * and small metadata files (vocabularies, configs, dictionaries) read whole only when they are within a size bound.
 */
public final class CheckpointFiles {

    /** Vocabularies, configs and pickled dictionaries: the largest real ones are a few megabytes. */
    public static final long MAX_METADATA_BYTES = 256L << 20;

    private CheckpointFiles() {
    }

    /** Throws unless {@code file} is an existing regular file; {@code what} names it ("checkpoint", "vocabulary"). */
    public static void requireRegularFile(Path file, String what) {
        if (!Files.exists(file)) {
            throw new CheckpointException(what + " " + file + " does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw new CheckpointException(what + " " + file + " is not a regular file (a directory, FIFO or device)");
        }
    }

    /** The bytes of a metadata file, refused past {@link #MAX_METADATA_BYTES}. */
    public static byte[] readMetadata(Path file, String what) {
        requireRegularFile(file, what);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes((int) MAX_METADATA_BYTES);
            if (in.read() >= 0) {
                throw new CheckpointException(what + " " + file + " is larger than " + (MAX_METADATA_BYTES >> 20)
                        + " MiB; that is not a " + what);
            }
            return b;
        } catch (IOException e) {
            throw new CheckpointException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@link #readMetadata} as UTF-8 text. */
    public static String readText(Path file, String what) {
        return new String(readMetadata(file, what), java.nio.charset.StandardCharsets.UTF_8);
    }
}
