package org.scjava.models.io;

import org.scjava.models.api.CheckpointException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SHA-256 of checkpoint files, recorded in model cards and Atlas history so results can be traced to exact weights.
 * A multi-GB checkpoint is streamed once: results are cached by (real path, size, modification time), so reloading
 * the same unchanged file, or asking again for its provenance, does not re-read it; any change of size or mtime
 * re-hashes.
 */
public final class Checksums {

    private static final Map<Key, String> CACHE = new ConcurrentHashMap<>();

    private record Key(Path path, long size, long mtimeNanos) {
    }

    private Checksums() {
    }

    public static String sha256(Path file) {
        Key key = key(file);
        return CACHE.computeIfAbsent(key, k -> stream(file));
    }

    /** Size in bytes of {@code file} (for registry look-ups next to {@link #sha256}). */
    public static long size(Path file) {
        return key(file).size();
    }

    private static Key key(Path file) {
        try {
            Path real = file.toRealPath();
            BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class);
            return new Key(real, a.size(), a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS));
        } catch (IOException e) {
            throw new CheckpointException("cannot read " + file + " for its checksum: " + e.getMessage(), e);
        }
    }

    private static String stream(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 20];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new CheckpointException("cannot read " + file + " for its checksum: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
