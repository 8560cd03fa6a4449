package org.scjava.dsl.io.hdf5;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A group being written: children (groups and datasets) and attributes. Its object header is written by
 * {@link #close()}, after every child's, so all link addresses are known.
 */
public final class H5Group extends H5Node {

    private final Map<String, H5Node> children = new LinkedHashMap<>();

    H5Group(H5Writer writer, String path) {
        super(writer, path);
    }

    /** A new child group. */
    public H5Group group(String name) {
        return add(name, new H5Group(writer, childPath(name)));
    }

    /**
     * A dataset holding all of {@code data} (a primitive or String array, or a boxed scalar for a 0-d dataset),
     * stored as {@code type} with {@code dims} (null: scalar; otherwise the product must equal the length).
     */
    public H5Dataset dataset(String name, H5Type type, long[] dims, Object data, Storage storage) {
        H5Dataset ds = add(name, new H5Dataset(writer, childPath(name), type));
        if (dims == null) {
            ds.writeScalar(data);
        } else if (storage.chunked() && product(dims) > 0) {
            try (ChunkedWriter cw = ds.chunked(dims, storage)) {
                cw.append(data, 0, Encoding.length(data));
            }
        } else {
            ds.writeContiguous(dims, data);
        }
        return ds;
    }

    /** A 1-D dataset of a Java array with its natural type. */
    public H5Dataset dataset(String name, Object array, Storage storage) {
        return dataset(name, Encoding.typeOf(array), new long[] {Encoding.length(array)}, array, storage);
    }

    /** A 0-d (scalar) dataset. */
    public H5Dataset scalar(String name, Object value) {
        return dataset(name, Encoding.typeOf(value), null, Encoding.scalarArray(value), Storage.contiguous());
    }

    /**
     * A chunked dataset filled by appending (rows of {@code rowWidth} elements); its first dimension is however
     * many rows were appended when the stream closes. {@code rowWidth} 0 means a 1-D dataset.
     */
    public ChunkedWriter stream(String name, H5Type type, int rowWidth, Storage storage) {
        H5Dataset ds = add(name, new H5Dataset(writer, childPath(name), type));
        return ds.chunked(rowWidth == 0 ? new long[] {-1} : new long[] {-1, rowWidth}, storage);
    }

    public boolean contains(String name) {
        return children.containsKey(name);
    }

    /**
     * A hard link to an object already in the file (appending to an existing file: the new group keeps the old
     * one's children by address).
     */
    public void linkExisting(String name, long objectHeaderAddress) {
        add(name, new Existing(writer, childPath(name), objectHeaderAddress));
    }

    /** An object that is already in the file; writing it only yields its address. */
    static final class Existing extends H5Node {
        private final long address;

        Existing(H5Writer writer, String path, long address) {
            super(writer, path);
            this.address = address;
        }

        @Override
        long writeHeader() {
            return address;
        }
    }

    private <T extends H5Node> T add(String name, T node) {
        if (closed()) {
            throw new IllegalStateException("group " + path + " is already written");
        }
        if (name.isEmpty() || name.contains("/")) {
            throw new IllegalArgumentException("invalid HDF5 name '" + name + "' in " + path);
        }
        if (children.putIfAbsent(name, node) != null) {
            throw new IllegalArgumentException(childPath(name) + " is written twice");
        }
        return node;
    }

    private String childPath(String name) {
        return path.equals("/") ? "/" + name : path + "/" + name;
    }

    private static long product(long[] dims) {
        long p = 1;
        for (long d : dims) {
            p *= d;
        }
        return p;
    }

    @Override
    long writeHeader() {
        ObjectHeader h = new ObjectHeader()
                .message(ObjectHeader.LINK_INFO, ObjectHeader.linkInfo())
                .message(ObjectHeader.GROUP_INFO, ObjectHeader.groupInfo());
        for (var e : children.entrySet()) {
            h.message(ObjectHeader.LINK, ObjectHeader.link(e.getKey(), e.getValue().close()));
        }
        h.attributes(attributes());
        return writer.append(h.encode());
    }
}
