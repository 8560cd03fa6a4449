package org.scjava.dsl.io.hdf5;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adds objects to an existing HDF5 file (an h5ad written by anndata/h5py or by scjava) without rewriting it: new
 * data and object headers are appended after the file's end, a root child group (e.g. {@code obsm}) is replaced by a
 * new group that links the old children by address plus the new ones, and only then are the few bytes that make
 * the change visible patched in place: the root link to that group and the superblock's end-of-file address.
 *
 * <p>Why this design: libhdf5-compatible in-place insertion into old-style (B-tree + local heap) groups needs node
 * splits and heap growth; a copy-on-write of a multi-gigabyte file costs as much as the embedding. Appending and
 * re-pointing one link is O(new data) and keeps the file valid at every step: until {@link #close()} patches the
 * link, readers see the old file (the appended bytes lie past its end-of-file address); the replaced group's old
 * header stays behind as a few hundred unreachable bytes. {@link #abort()} truncates the appended bytes away.
 * Readers that have the file open (jHDF caches its structure) must reopen it to see the change.
 */
public final class H5Appender implements AutoCloseable {

    private final Path path;
    private final FileChannel channel;
    private final RootLinks links;
    private final long originalSize;
    private final H5Writer writer;
    private final Map<String, H5Group> replaced = new LinkedHashMap<>();
    private boolean finished;

    private H5Appender(Path path) throws IOException {
        this.path = path;
        this.channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        this.links = new RootLinks(channel);
        RootLinks.Superblock sb = links.superblock();
        this.originalSize = channel.size();
        long start = Math.max(sb.baseAddress() + sb.eof(), originalSize);
        this.writer = H5Writer.appendingTo(path, channel, (start + 7) & ~7L);
    }

    /** Opens {@code path} for appending; fails with a clear message for layouts it cannot patch. */
    public static H5Appender open(Path path) {
        try {
            return new H5Appender(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + path + " for appending: " + e.getMessage(), e);
        }
    }

    /**
     * A new, empty group that replaces the root's child {@code name} on {@link #close()}; keep old children with
     * {@link H5Group#linkExisting} and add new ones as in any group. The root must already have a link {@code name}.
     */
    public H5Group replaceRootChild(String name) {
        if (replaced.containsKey(name)) {
            return replaced.get(name);
        }
        H5Group g = new H5Group(writer, "/" + name);
        replaced.put(name, g);
        return g;
    }

    /** Writes the new headers, then makes them visible by re-pointing the root links and the end of file. */
    @Override
    public void close() {
        if (finished) {
            return;
        }
        finished = true;
        try (channel) {
            Map<String, RootLinks.Location> where = new LinkedHashMap<>();
            for (String name : replaced.keySet()) {
                RootLinks.Location l = links.find(name);
                if (l == null) {
                    throw new IllegalStateException("the root group has no link '" + name + "' to replace");
                }
                where.put(name, l);
            }
            Map<String, Long> addresses = new LinkedHashMap<>();
            replaced.forEach((name, g) -> addresses.put(name, g.close()));
            channel.force(false);
            long base = links.superblock().baseAddress();
            links.setEndOfFile(writer.endOfFile());
            channel.force(false);
            for (var e : where.entrySet()) {
                links.repoint(e.getValue(), addresses.get(e.getKey()) - base);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish appending to " + path + ": " + e.getMessage(), e);
        }
    }

    /** Discards everything appended; the file is as it was. */
    public void abort() {
        if (finished) {
            return;
        }
        finished = true;
        try (channel) {
            channel.truncate(originalSize);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot undo the append to " + path + ": " + e.getMessage(), e);
        }
    }
}
