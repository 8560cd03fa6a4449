package org.scjava.models.io;

import org.scjava.models.api.CheckpointException;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads files written by {@code torch.save} ({@code .pt}, {@code .pth}, {@code .bin}) without Python: the zip
 * layout of torch ≥ 1.6 ({@code <archive>/data.pkl} plus one {@code <archive>/data/<key>} entry per storage) and the
 * older single-stream layout (magic number, protocol, system info, pickle, storage keys, raw storages). The pickle
 * goes through {@link SafeUnpickler} with only the globals a tensor state dict needs, so a checkpoint that pickles
 * code is refused, never run. Tensors come back as {@link HostTensor}s inside the pickled container structure.
 *
 * <p>Format reference: pytorch/pytorch {@code torch/serialization.py} ({@code _save}, {@code _legacy_save},
 * {@code _load}) and {@code torch/_utils.py} ({@code _rebuild_tensor_v2}); behaviour re-implemented, not copied.
 */
public final class TorchCheckpoint {

    /** The largest data.pkl read: a state dict's pickle is kilobytes to a few megabytes; tensors live elsewhere. */
    private static final long MAX_PICKLE_BYTES = 1L << 30;
    private static final java.math.BigInteger LEGACY_MAGIC = new java.math.BigInteger("1950a86a20f9469cfc6c", 16);

    private TorchCheckpoint() {
    }

    /** The unpickled object tree of {@code file} (maps, lists, numbers, strings and HostTensor leaves). */
    public static Object read(Path file) {
        return read(file, java.util.function.UnaryOperator.identity());
    }

    /**
     * {@link #read(Path)} with extra allowed globals for formats whose metadata pickles plain data classes (e.g.
     * ESM-2's {@code argparse.Namespace} config): {@code extend} receives the tensor allowlist and returns it extended.
     */
    public static Object read(Path file, java.util.function.UnaryOperator<PickleAllowlist> extend) {
        PickleAllowlist allowlist = extend.apply(TorchGlobals.allowlist());
        CheckpointFiles.requireRegularFile(file, "checkpoint");
        try (InputStream in = Files.newInputStream(file)) {
            int b0 = in.read();
            int b1 = in.read();
            if (b0 == 'P' && b1 == 'K') {
                return readZip(file, allowlist);
            }
            if (b0 == 0x80) {
                return readLegacy(file, allowlist);
            }
            throw new CheckpointException(file + " is neither a torch zip checkpoint nor an old-style torch pickle"
                    + " (first bytes " + b0 + ", " + b1 + "); expected a file written by torch.save");
        } catch (IOException e) {
            throw new CheckpointException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The tensor dictionary of {@code file}; see {@link StateDict#of(Object, String)} for nested checkpoints. */
    public static StateDict readStateDict(Path file) {
        return StateDict.of(read(file), file.getFileName().toString());
    }

    // ------------------------------------------------------------------ zip format

    private static Object readZip(Path file, PickleAllowlist allowlist) throws IOException {
        String name = file.getFileName().toString();
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new CheckpointException(name + " is not a complete zip archive (" + e.getMessage()
                    + "); the download or copy was probably cut short — fetch the checkpoint again", e);
        }
        try (zip) {
            String prefix = archivePrefix(zip, name);
            ZipEntry byteorder = zip.getEntry(prefix + "byteorder");
            if (byteorder != null) {
                String order = new String(zip.getInputStream(byteorder).readNBytes(16), java.nio.charset.StandardCharsets.US_ASCII).trim();
                if (!"little".equals(order)) {
                    throw new CheckpointException(name + " stores tensors in '" + order + "' byte order; only little-endian is supported");
                }
            }
            Map<String, TorchStorage> storages = new HashMap<>();
            SafeUnpickler up = new SafeUnpickler(allowlist, name, pid -> {
                Object[] t = persistentTuple(pid, name);
                String key = String.valueOf(t[2]);
                DType dtype = storageType(t[1], name);
                long bytes = storageBytes(t[4], dtype, key, name);
                return storages.computeIfAbsent(key, k -> new TorchStorage(k, dtype, toLong(t[4]), 0,
                        () -> readEntry(zip, prefix + "data/" + k, name, bytes)));
            });
            ZipEntry pkl = zip.getEntry(prefix + "data.pkl");
            up.limitInput(pkl.getSize() >= 0 ? pkl.getSize() : MAX_PICKLE_BYTES).limitInput(MAX_PICKLE_BYTES);
            Object root;
            try (InputStream in = new BufferedInputStream(zip.getInputStream(pkl))) {
                root = up.loadFrom(in);
            }
            return TensorTree.materialize(root, name);
        }
    }

    private static String archivePrefix(ZipFile zip, String name) {
        Enumeration<? extends ZipEntry> en = zip.entries();
        while (en.hasMoreElements()) {
            String n = en.nextElement().getName();
            if (n.endsWith("/data.pkl") && n.indexOf('/') == n.length() - "/data.pkl".length()) {
                return n.substring(0, n.length() - "data.pkl".length());
            }
        }
        throw new CheckpointException(name + " is a zip file but holds no <archive>/data.pkl entry, so it was not"
                + " written by torch.save (a TorchScript archive? load it with Models.torchScript)");
    }

    /**
     * The bytes of one storage entry, read up to the size the pickle declares for it: an entry that inflates past
     * that (a zip bomb, or a corrupt entry) is refused after reading one byte more, never read to its end.
     */
    private static ByteBuffer readEntry(ZipFile zip, String entryName, String source, long declaredBytes) {
        ZipEntry e = zip.getEntry(entryName);
        if (e == null) {
            throw new CheckpointException(source + ": storage entry '" + entryName + "' is missing (truncated or corrupt checkpoint)");
        }
        try (InputStream in = zip.getInputStream(e)) {
            byte[] bytes = in.readNBytes((int) declaredBytes);
            if (in.read() >= 0) {
                throw new CheckpointException(source + ": storage entry '" + entryName + "' holds more than the "
                        + declaredBytes + " bytes its tensor storage declares (corrupt checkpoint or a zip bomb)");
            }
            return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException ex) {
            throw new CheckpointException(source + ": cannot read storage '" + entryName + "': " + ex.getMessage(), ex);
        }
    }

    // ------------------------------------------------------------------ legacy format (torch < 1.6)

    private static Object readLegacy(Path file, PickleAllowlist allowlist) throws IOException {
        String name = file.getFileName().toString();
        long fileSize = Files.size(file);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
            PickleAllowlist plain = PickleAllowlist.containers();
            Object magic = new SafeUnpickler(plain, name, null).limitInput(fileSize).loadFrom(in);
            if (!(magic instanceof Number n) || !LEGACY_MAGIC.equals(new java.math.BigInteger(n.toString()))) {
                throw new CheckpointException(name + " is a pickle but not a torch checkpoint (no torch magic number)"
                        + "; scjava reads torch.save files, safetensors and TorchScript");
            }
            new SafeUnpickler(plain, name, null).limitInput(fileSize).loadFrom(in); // protocol version
            new SafeUnpickler(plain, name, null).limitInput(fileSize).loadFrom(in); // sys info
            Map<String, TorchStorage> roots = new LinkedHashMap<>();
            Map<String, ByteBuffer> data = new HashMap<>();
            Object root = new SafeUnpickler(allowlist, name, pid -> {
                Object[] t = persistentTuple(pid, name);
                String key = String.valueOf(t[2]);
                TorchStorage s = roots.computeIfAbsent(key, k -> new TorchStorage(k, storageType(t[1], name),
                        toLong(t[4]), 0, () -> requireData(data, k, name)));
                if (t.length > 5 && t[5] instanceof Object[] view) {
                    return s.view(String.valueOf(view[0]), toLong(view[1]), toLong(view[2]));
                }
                return s;
            }).limitInput(fileSize).loadFrom(in);
            Object keys = new SafeUnpickler(plain, name, null).limitInput(fileSize).loadFrom(in);
            if (!(keys instanceof List<?> keyList)) {
                throw new CheckpointException(name + ": storage key list missing after the pickle (truncated checkpoint)");
            }
            for (Object k : keyList) {
                TorchStorage s = roots.get(String.valueOf(k));
                long numel = Long.reverseBytes(in.readLong());
                DType dtype = s == null ? DType.U8 : s.dtype();
                long bytes = storageBytes(numel, dtype, String.valueOf(k), name);
                if (bytes > fileSize) {
                    throw new CheckpointException(name + ": storage '" + k + "' declares " + bytes + " bytes, more than"
                            + " the " + fileSize + "-byte file holds (truncated or corrupt checkpoint)");
                }
                byte[] raw = new byte[(int) bytes];
                in.readFully(raw);
                data.put(String.valueOf(k), ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN));
            }
            return TensorTree.materialize(root, name);
        } catch (java.io.EOFException e) {
            throw new CheckpointException(name + " ends early (truncated download?): " + e.getMessage(), e);
        }
    }

    private static ByteBuffer requireData(Map<String, ByteBuffer> data, String key, String source) {
        ByteBuffer b = data.get(key);
        if (b == null) {
            throw new CheckpointException(source + ": storage '" + key + "' is referenced but not stored (truncated checkpoint)");
        }
        return b;
    }

    // ------------------------------------------------------------------ shared

    private static Object[] persistentTuple(Object pid, String source) {
        if (pid instanceof Object[] t && t.length >= 5 && "storage".equals(t[0])) {
            return t;
        }
        throw new CheckpointException(source + ": unexpected persistent id " + PickleValues.describe(pid)
                + " (expected a torch storage)");
    }

    private static DType storageType(Object marker, String source) {
        if (marker instanceof TorchGlobals.StorageType st) {
            return st.dtype();
        }
        throw new CheckpointException(source + ": unknown storage type " + PickleValues.describe(marker));
    }

    /** An integer of a torch pickle (sizes, strides, offsets): Python ints only, never floats. */
    static long toLong(Object o) {
        if (o instanceof Integer || o instanceof Long || o instanceof Short || o instanceof Byte) {
            return ((Number) o).longValue();
        }
        if (o instanceof java.math.BigInteger b && b.bitLength() < 64) {
            return b.longValue();
        }
        throw new CheckpointException("expected an integer in a torch pickle, got " + PickleValues.describe(o));
    }

    /** Bytes of a storage of {@code numel} elements, refused when negative, over 2 GiB or over the memory budget. */
    private static long storageBytes(Object numelValue, DType dtype, String key, String source) {
        long numel = toLong(numelValue);
        long bytes;
        try {
            bytes = Math.multiplyExact(numel, (long) dtype.bytes());
        } catch (ArithmeticException e) {
            bytes = -1;
        }
        if (numel < 0 || bytes < 0 || bytes > Integer.MAX_VALUE - 8 || bytes > Runtime.getRuntime().maxMemory()) {
            throw new CheckpointException(source + ": storage '" + key + "' declares " + numel + " " + dtype
                    + " elements, which cannot be read into memory (at most 2 GiB per storage within -Xmx)");
        }
        return bytes;
    }
}
