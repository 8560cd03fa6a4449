package org.scjava.dsl.io.hdf5;

import java.util.LinkedHashMap;
import java.util.Map;

/** A group or dataset being written: attributes now, object header once at {@link #close()}. */
public abstract sealed class H5Node permits H5Group, H5Dataset, H5Group.Existing {

    final H5Writer writer;
    final String path;
    private final Map<String, ObjectHeader.Attr> attrs = new LinkedHashMap<>();
    private long address = -1;

    H5Node(H5Writer writer, String path) {
        this.writer = writer;
        this.path = path;
    }

    public String path() {
        return path;
    }

    /**
     * Sets an attribute: a String, String[], boxed number or boolean (scalars), or a primitive array (1-D).
     * Returns this node for chaining.
     */
    public H5Node attr(String name, Object value) {
        if (closed()) {
            throw new IllegalStateException(path + " is already written; set attributes first");
        }
        Object array = value.getClass().isArray() ? value : Encoding.scalarArray(value);
        H5Type type = Encoding.typeOf(array);
        long[] dims = value.getClass().isArray() ? new long[] {Encoding.length(array)} : null;
        attrs.put(name, new ObjectHeader.Attr(type, dims, Encoding.bytes(array, type)));
        return this;
    }

    Map<String, ObjectHeader.Attr> attributes() {
        return attrs;
    }

    boolean closed() {
        return address >= 0;
    }

    /** Writes the object header (once) and returns its address. */
    public long close() {
        if (address < 0) {
            address = writeHeader();
        }
        return address;
    }

    abstract long writeHeader();
}
