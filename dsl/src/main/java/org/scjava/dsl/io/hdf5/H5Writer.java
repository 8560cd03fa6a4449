package org.scjava.dsl.io.hdf5;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A streaming writer of HDF5 files (superblock v2, v2 object headers, compact link storage, contiguous or chunked
 * + deflate datasets indexed by fixed arrays), enough for every element of an h5ad file.
 *
 * <p>Why hand-written: jHDF 0.13 (the only pure-Java HDF5 library on Maven Central) writes corrupt files for empty
 * groups, cannot write zero-length datasets or h5py-style booleans, and holds every dataset in memory until close,
 * which rules out million-cell files. This writer appends data as it comes and writes each object header after its
 * children (post-order), so nothing is rewritten and memory stays at one chunk per open stream. Files are read back
 * by libhdf5/h5py (anndata) and by jHDF (tests check both).
 */
public final class H5Writer implements AutoCloseable {

    static final int SUPERBLOCK_SIZE = 48;
    private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private final Path path;
    private final FileChannel channel;
    private final H5Group root;
    private long eof = SUPERBLOCK_SIZE;
    private boolean closed;

    private final boolean appending;

    private H5Writer(Path path) throws IOException {
        this.path = path;
        this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE, StandardOpenOption.READ);
        this.root = new H5Group(this, "/");
        this.appending = false;
    }

    /** Appends after {@code endOfFile} of an existing file (see {@link H5Appender}); the root is not written. */
    private H5Writer(Path path, FileChannel channel, long endOfFile) {
        this.path = path;
        this.channel = channel;
        this.root = new H5Group(this, "/");
        this.eof = endOfFile;
        this.appending = true;
    }

    static H5Writer appendingTo(Path path, FileChannel channel, long endOfFile) {
        return new H5Writer(path, channel, endOfFile);
    }

    /** The end of the data written so far (the next append's address). */
    long endOfFile() {
        return eof;
    }

    FileChannel channel() {
        return channel;
    }

    /** Creates (or truncates) {@code path}. */
    public static H5Writer create(Path path) {
        try {
            return new H5Writer(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + path + ": " + e.getMessage(), e);
        }
    }

    public H5Group root() {
        return root;
    }

    public Path path() {
        return path;
    }

    /** Appends {@code bytes} at the end of the file, returning their address. */
    long append(byte[] bytes) {
        return append(ByteBuffer.wrap(bytes));
    }

    long append(ByteBuffer buf) {
        long at = eof;
        try {
            while (buf.hasRemaining()) {
                eof += channel.write(buf, eof);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("write to " + path + " failed: " + e.getMessage(), e);
        }
        return at;
    }

    /** Closes the root group (writing every pending header), then the superblock that points at it. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (appending) {
            return; // the appender patches the existing file's structures and closes the channel
        }
        try (channel) {
            long rootAddress = root.close();
            byte[] sb = new Bytes().bytes(SIGNATURE).u8(2).u8(8).u8(8).u8(0)
                    .u64(0).u64(Bytes.UNDEFINED_ADDRESS).u64(eof).u64(rootAddress).checksum().toArray();
            channel.write(ByteBuffer.wrap(sb), 0);
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish " + path + ": " + e.getMessage(), e);
        }
    }
}
