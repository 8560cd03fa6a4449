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
        if (!Files.isRegularFile(file)) {
            throw new CheckpointException("checkpoint " + file + " does not exist or is not a file");
        }
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
                String order = new String(zip.getInputStream(byteorder).readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim();
                if (!"little".equals(order)) {
                    throw new CheckpointException(name + " stores tensors in '" + order + "' byte order; only little-endian is supported");
                }
            }
            Map<String, TorchStorage> storages = new HashMap<>();
            SafeUnpickler up = new SafeUnpickler(allowlist, name, pid -> {
                Object[] t = persistentTuple(pid, name);
                String key = String.valueOf(t[2]);
                return storages.computeIfAbsent(key, k -> new TorchStorage(k, storageType(t[1], name), toLong(t[4]), 0,
                        () -> readEntry(zip, prefix + "data/" + k, name)));
            });
            Object root;
            try (InputStream in = new BufferedInputStream(zip.getInputStream(zip.getEntry(prefix + "data.pkl")))) {
                root = up.loadFrom(in);
            }
            return materialize(root, name, "");
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

    private static ByteBuffer readEntry(ZipFile zip, String entryName, String source) {
        ZipEntry e = zip.getEntry(entryName);
        if (e == null) {
            throw new CheckpointException(source + ": storage entry '" + entryName + "' is missing (truncated or corrupt checkpoint)");
        }
        try (InputStream in = zip.getInputStream(e)) {
            return ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException ex) {
            throw new CheckpointException(source + ": cannot read storage '" + entryName + "': " + ex.getMessage(), ex);
        }
    }

    // ------------------------------------------------------------------ legacy format (torch < 1.6)

    private static Object readLegacy(Path file, PickleAllowlist allowlist) throws IOException {
        String name = file.getFileName().toString();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
            PickleAllowlist plain = PickleAllowlist.containers();
            Object magic = new SafeUnpickler(plain, name, null).loadFrom(in);
            if (!(magic instanceof Number n) || !LEGACY_MAGIC.equals(new java.math.BigInteger(n.toString()))) {
                throw new CheckpointException(name + " is a pickle but not a torch checkpoint (no torch magic number)"
                        + "; scjava reads torch.save files, safetensors and TorchScript");
            }
            new SafeUnpickler(plain, name, null).loadFrom(in); // protocol version
            new SafeUnpickler(plain, name, null).loadFrom(in); // sys info
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
            }).loadFrom(in);
            Object keys = new SafeUnpickler(plain, name, null).loadFrom(in);
            if (!(keys instanceof List<?> keyList)) {
                throw new CheckpointException(name + ": storage key list missing after the pickle (truncated checkpoint)");
            }
            for (Object k : keyList) {
                TorchStorage s = roots.get(String.valueOf(k));
                long numel = Long.reverseBytes(in.readLong());
                int es = s == null ? 1 : s.dtype().bytes();
                byte[] raw = new byte[Math.toIntExact(numel * es)];
                in.readFully(raw);
                data.put(String.valueOf(k), ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN));
            }
            return materialize(root, name, "");
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
        throw new CheckpointException(source + ": unexpected persistent id " + pid + " (expected a torch storage)");
    }

    private static DType storageType(Object marker, String source) {
        if (marker instanceof TorchGlobals.StorageType st) {
            return st.dtype();
        }
        throw new CheckpointException(source + ": unknown storage type " + marker);
    }

    static long toLong(Object o) {
        if (o instanceof Number n) {
            return n.longValue();
        }
        throw new CheckpointException("expected an integer in a torch pickle, got " + o);
    }

    /** Replaces every TensorRef in the tree by a HostTensor, naming tensors by their dotted path for errors. */
    private static Object materialize(Object node, String source, String path) {
        if (node instanceof TensorRef ref) {
            return ref.materialize(source, path);
        }
        if (node instanceof PyOrderedDict od) {
            PyOrderedDict out = new PyOrderedDict();
            out.setState(od.attributes());
            od.forEach((k, v) -> out.put(k, materialize(v, source, join(path, k))));
            return out;
        }
        if (node instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, materialize(v, source, join(path, k))));
            return out;
        }
        if (node instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (int i = 0; i < l.size(); i++) {
                out.add(materialize(l.get(i), source, join(path, i)));
            }
            return out;
        }
        if (node instanceof Object[] t) {
            Object[] out = new Object[t.length];
            for (int i = 0; i < t.length; i++) {
                out[i] = materialize(t[i], source, join(path, i));
            }
            return out;
        }
        return node;
    }

    private static String join(String path, Object key) {
        return path.isEmpty() ? String.valueOf(key) : path + "." + key;
    }
}
