package org.scjava.dsl.io.hdf5;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * Finds where an existing HDF5 file stores the address of one root-group link, so that {@link H5Appender} can point
 * the link at a new object (HDF5 file format spec 3.0: superblock II.A, object headers IV.A.1, symbol-table groups
 * III.A.1 B-tree v1 / III.B SNOD / III.D local heap, link messages IV.A.2.g).
 *
 * <p>Handles the layouts h5ad files have: superblock v0/v1 with an old-style (symbol-table) root group — what h5py
 * and anndata write by default — and superblock v2/v3 with compact link messages in a v1 or v2 object header — what
 * scjava's writer and libver="latest" files with few links use. Dense link storage (a fractal heap, used by libhdf5
 * for more than 8 links with libver="latest") is refused with a message naming it.
 */
final class RootLinks {

    /** Where the superblock keeps the end-of-file address, and the file's address/length sizes. */
    record Superblock(int version, int offsetSize, int lengthSize, long baseAddress, int eofField, long eof,
                      long rootHeader) {
    }

    /** One patchable link: where its address lives, and what to fix afterwards. */
    record Location(long addressField, Kind kind, long checksumStart, int checksumLength) {
        enum Kind { SYMBOL_TABLE_ENTRY, LINK_MESSAGE }
    }

    private final FileChannel ch;
    private Superblock sb;

    RootLinks(FileChannel ch) {
        this.ch = ch;
    }

    Superblock superblock() throws IOException {
        if (sb != null) {
            return sb;
        }
        ByteBuffer b = read(0, 96);
        byte[] sig = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
        for (int i = 0; i < 8; i++) {
            if (b.get(i) != sig[i]) {
                throw new IllegalStateException("no HDF5 signature at the start of the file (a user block is not supported)");
            }
        }
        int version = b.get(8) & 0xff;
        if (version <= 1) {
            int o = b.get(13) & 0xff;
            int l = b.get(14) & 0xff;
            int at = 24 + (version == 1 ? 4 : 0);
            long base = uint(b, at, o);
            int eofField = at + 2 * o;
            long eof = uint(b, eofField, o);
            long rootHeader = uint(b, at + 4 * o + o, o); // root symbol table entry: name offset, then header address
            sb = new Superblock(version, o, l, base, eofField, eof, rootHeader);
        } else if (version <= 3) {
            int o = b.get(9) & 0xff;
            int l = b.get(10) & 0xff;
            long base = uint(b, 12, o);
            int eofField = 12 + 2 * o;
            sb = new Superblock(version, o, l, base, eofField, uint(b, eofField, o), uint(b, 12 + 3 * o, o));
        } else {
            throw new IllegalStateException("HDF5 superblock version " + version + " is not supported");
        }
        return sb;
    }

    /** Where the root link {@code name} keeps its object header address. */
    Location find(String name) throws IOException {
        Superblock s = superblock();
        long header = s.baseAddress() + s.rootHeader();
        ByteBuffer h = read(header, 16);
        if (h.get(0) == 'O' && h.get(1) == 'H' && h.get(2) == 'D' && h.get(3) == 'R') {
            return findInV2Header(header, name);
        }
        if (h.get(0) != 1) {
            throw new IllegalStateException("root object header version " + h.get(0) + " is not supported");
        }
        long size = h.getInt(8) & 0xffffffffL;
        return findInV1Messages(header + 16, size, name);
    }

    private Location findInV1Messages(long start, long size, String name) throws IOException {
        ByteBuffer m = read(start, (int) size);
        int pos = 0;
        while (pos + 8 <= size) {
            int type = m.getShort(pos) & 0xffff;
            int len = m.getShort(pos + 2) & 0xffff;
            int body = pos + 8;
            if (type == 0x11) {
                return findInSymbolTable(uint(m, body, sb.offsetSize()), uint(m, body + sb.offsetSize(), sb.offsetSize()), name);
            } else if (type == 0x06) {
                Location l = linkMessage(m, body, start, name, -1, 0);
                if (l != null) {
                    return l;
                }
            } else if (type == 0x02) {
                refuseDense(m, body);
            } else if (type == 0x10) {
                Location l = findInV1Messages(sb.baseAddress() + uint(m, body, sb.offsetSize()),
                        uint(m, body + sb.offsetSize(), sb.lengthSize()), name);
                if (l != null) {
                    return l;
                }
            }
            pos = body + len;
        }
        return null;
    }

    private Location findInV2Header(long header, String name) throws IOException {
        ByteBuffer h = read(header, 64);
        int flags = h.get(5) & 0xff;
        int pos = 6 + ((flags & 0x20) != 0 ? 16 : 0) + ((flags & 0x10) != 0 ? 4 : 0);
        int sizeBytes = 1 << (flags & 3);
        long chunkSize = uint(h, pos, sizeBytes);
        long messagesStart = header + pos + sizeBytes;
        return findInV2Chunk(header, messagesStart, chunkSize, flags, name);
    }

    /** Messages of one v2 chunk (header chunk 0 or an OCHK continuation), whose checksum starts at {@code chunkStart}. */
    private Location findInV2Chunk(long chunkStart, long messagesStart, long size, int flags, String name)
            throws IOException {
        ByteBuffer m = read(messagesStart, (int) size);
        int checksumLength = (int) (messagesStart - chunkStart + size);
        int pos = 0;
        int prefix = 4 + ((flags & 0x04) != 0 ? 2 : 0);
        while (pos + prefix <= size) {
            int type = m.get(pos) & 0xff;
            int len = m.getShort(pos + 1) & 0xffff;
            int body = pos + prefix;
            if (type == 0x06) {
                Location l = linkMessage(m, body, messagesStart, name, chunkStart, checksumLength);
                if (l != null) {
                    return l;
                }
            } else if (type == 0x02) {
                refuseDense(m, body);
            } else if (type == 0x11) {
                return findInSymbolTable(uint(m, body, sb.offsetSize()), uint(m, body + sb.offsetSize(), sb.offsetSize()), name);
            } else if (type == 0x10) {
                long at = sb.baseAddress() + uint(m, body, sb.offsetSize());
                long len2 = uint(m, body + sb.offsetSize(), sb.lengthSize());
                Location l = findInV2Chunk(at, at + 4, len2 - 8, flags, name); // "OCHK" + messages + checksum
                if (l != null) {
                    return l;
                }
            }
            pos = body + len;
        }
        return null;
    }

    private void refuseDense(ByteBuffer m, int body) {
        int flags = m.get(body + 1) & 0xff;
        long heap = uint(m, body + 2 + ((flags & 1) != 0 ? 8 : 0), sb.offsetSize());
        if (heap != -1L && heap != (sb.offsetSize() == 8 ? -1L : (1L << (8 * sb.offsetSize())) - 1)) {
            throw new IllegalStateException("the root group stores its links densely (a fractal heap, written by "
                    + "libhdf5 with libver='latest'); appending to such files is not supported — rewrite the file "
                    + "with scjava (Atlas.load(...).write(...)) or anndata's default settings first");
        }
    }

    /** A link message at {@code body}: its address field's file position when it is the hard link {@code name}. */
    private Location linkMessage(ByteBuffer m, int body, long messagesStart, String name, long checksumStart,
                                 int checksumLength) {
        int flags = m.get(body + 1) & 0xff;
        int pos = body + 2;
        int linkType = 0;
        if ((flags & 0x08) != 0) {
            linkType = m.get(pos) & 0xff;
            pos++;
        }
        if ((flags & 0x04) != 0) {
            pos += 8;
        }
        if ((flags & 0x10) != 0) {
            pos++;
        }
        int lenBytes = 1 << (flags & 3);
        int nameLength = (int) uint(m, pos, lenBytes);
        pos += lenBytes;
        byte[] n = new byte[nameLength];
        m.get(pos, n);
        pos += nameLength;
        if (linkType != 0 || !name.equals(new String(n, StandardCharsets.UTF_8))) {
            return null;
        }
        return new Location(messagesStart + pos, Location.Kind.LINK_MESSAGE, checksumStart, checksumLength);
    }

    private Location findInSymbolTable(long btree, long heap, String name) throws IOException {
        Superblock s = superblock();
        ByteBuffer hp = read(s.baseAddress() + heap, 8 + 2 * s.lengthSize() + s.offsetSize());
        if (hp.get(0) != 'H' || hp.get(1) != 'E' || hp.get(2) != 'A' || hp.get(3) != 'P') {
            throw new IllegalStateException("the root group's local heap is not at " + heap);
        }
        long dataSize = uint(hp, 8, s.lengthSize());
        long dataAddress = uint(hp, 8 + 2 * s.lengthSize(), s.offsetSize());
        ByteBuffer names = read(s.baseAddress() + dataAddress, (int) dataSize);
        return searchBTree(btree, names, name);
    }

    private Location searchBTree(long node, ByteBuffer names, String name) throws IOException {
        Superblock s = superblock();
        int o = s.offsetSize();
        ByteBuffer t = read(s.baseAddress() + node, 8 + 2 * o);
        if (t.get(0) != 'T' || t.get(1) != 'R' || t.get(2) != 'E' || t.get(3) != 'E' || t.get(4) != 0) {
            throw new IllegalStateException("no group B-tree node at " + node);
        }
        int level = t.get(5) & 0xff;
        int entries = t.getShort(6) & 0xffff;
        int keySize = s.lengthSize();
        ByteBuffer body = read(s.baseAddress() + node + 8 + 2L * o, entries * (keySize + o) + keySize);
        for (int i = 0; i < entries; i++) {
            long child = uint(body, i * (keySize + o) + keySize, o);
            Location l = level > 0 ? searchBTree(child, names, name) : searchSymbolNode(child, names, name);
            if (l != null) {
                return l;
            }
        }
        return null;
    }

    private Location searchSymbolNode(long node, ByteBuffer names, String name) throws IOException {
        Superblock s = superblock();
        int o = s.offsetSize();
        ByteBuffer h = read(s.baseAddress() + node, 8);
        if (h.get(0) != 'S' || h.get(1) != 'N' || h.get(2) != 'O' || h.get(3) != 'D') {
            throw new IllegalStateException("no symbol table node at " + node);
        }
        int symbols = h.getShort(6) & 0xffff;
        int entrySize = 2 * o + 24;
        ByteBuffer e = read(s.baseAddress() + node + 8, symbols * entrySize);
        for (int i = 0; i < symbols; i++) {
            int nameOffset = (int) uint(e, i * entrySize, o);
            int end = nameOffset;
            while (end < names.limit() && names.get(end) != 0) {
                end++;
            }
            byte[] n = new byte[end - nameOffset];
            names.get(nameOffset, n);
            if (name.equals(new String(n, StandardCharsets.UTF_8))) {
                return new Location(s.baseAddress() + node + 8 + (long) i * entrySize + o,
                        Location.Kind.SYMBOL_TABLE_ENTRY, -1, 0);
            }
        }
        return null;
    }

    /** Points the link at {@code location} to the object header at {@code newAddress} (relative to the base). */
    void repoint(Location location, long newAddress) throws IOException {
        Superblock s = superblock();
        write(location.addressField(), le(newAddress, s.offsetSize()));
        if (location.kind() == Location.Kind.SYMBOL_TABLE_ENTRY) {
            // Cache type 0: the entry no longer caches the old group's B-tree and heap in its scratch pad.
            write(location.addressField() + s.offsetSize(), new byte[8 + 16]);
        } else if (location.checksumStart() >= 0) {
            ByteBuffer chunk = read(location.checksumStart(), location.checksumLength());
            byte[] bytes = new byte[location.checksumLength()];
            chunk.get(0, bytes);
            write(location.checksumStart() + location.checksumLength(), le(Lookup3.hash(bytes, 0, bytes.length) & 0xffffffffL, 4));
        }
    }

    /** Sets the superblock's end-of-file address (and its checksum for v2/v3). */
    void setEndOfFile(long eof) throws IOException {
        Superblock s = superblock();
        write(s.eofField(), le(eof - s.baseAddress(), s.offsetSize()));
        if (s.version() >= 2) {
            int length = 12 + 4 * s.offsetSize();
            ByteBuffer b = read(0, length);
            byte[] bytes = new byte[length];
            b.get(0, bytes);
            write(length, le(Lookup3.hash(bytes, 0, length) & 0xffffffffL, 4));
        }
        sb = null;
    }

    private ByteBuffer read(long at, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, at + b.position()) < 0) {
                break;
            }
        }
        return b.flip().order(ByteOrder.LITTLE_ENDIAN);
    }

    private void write(long at, byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            ch.write(b, at + b.position());
        }
    }

    private static byte[] le(long v, int width) {
        byte[] out = new byte[width];
        for (int i = 0; i < width; i++) {
            out[i] = (byte) (v >>> (8 * i));
        }
        return out;
    }

    static long uint(ByteBuffer b, int at, int width) {
        long v = 0;
        for (int k = 0; k < width; k++) {
            v |= (b.get(at + k) & 0xffL) << (8 * k);
        }
        return v;
    }
}
