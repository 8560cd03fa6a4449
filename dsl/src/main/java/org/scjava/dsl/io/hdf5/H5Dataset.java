package org.scjava.dsl.io.hdf5;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A dataset being written; its data goes to the file first, its object header at {@link #close()}. */
public final class H5Dataset extends H5Node {

    private static final int BLOCK_ELEMENTS = 1 << 18;

    private final H5Type type;
    private long[] dims;
    private byte[] layout;
    private byte[] filters;
    private boolean chunked;
    private ChunkedWriter openStream;

    H5Dataset(H5Writer writer, String path, H5Type type) {
        super(writer, path);
        this.type = type;
    }

    public H5Type type() {
        return type;
    }

    void writeScalar(Object oneElementArray) {
        byte[] data = Encoding.bytes(oneElementArray, type);
        long at = writer.append(data);
        dims = null;
        layout = ObjectHeader.contiguousLayout(at, data.length);
    }

    void writeContiguous(long[] dims, Object data) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        int len = Encoding.length(data);
        if (n != len) {
            throw new IllegalArgumentException(path + ": " + len + " values for dimensions " + java.util.Arrays.toString(dims));
        }
        this.dims = dims.clone();
        if (len == 0) {
            layout = ObjectHeader.contiguousLayout(Bytes.UNDEFINED_ADDRESS, 0);
            return;
        }
        ByteBuffer buf = ByteBuffer.allocate(Math.min(len, BLOCK_ELEMENTS) * type.size).order(ByteOrder.LITTLE_ENDIAN);
        long start = -1;
        for (int from = 0; from < len; from += BLOCK_ELEMENTS) {
            int count = Math.min(BLOCK_ELEMENTS, len - from);
            buf.clear();
            Encoding.put(data, type, from, count, buf);
            buf.flip();
            long at = writer.append(buf);
            if (start < 0) {
                start = at;
            }
        }
        layout = ObjectHeader.contiguousLayout(start, (long) len * type.size);
    }

    ChunkedWriter chunked(long[] dims, Storage storage) {
        openStream = new ChunkedWriter(this, writer, type, dims, storage);
        return openStream;
    }

    /** Called by the chunked writer when it finishes. */
    void finishChunked(long[] finalDims, byte[] layoutMessage, byte[] filterMessage) {
        this.dims = finalDims;
        this.layout = layoutMessage;
        this.filters = filterMessage;
        this.chunked = true;
        this.openStream = null;
    }

    @Override
    long writeHeader() {
        if (openStream != null) {
            openStream.close();
        }
        if (layout == null) {
            throw new IllegalStateException(path + " has no data");
        }
        ObjectHeader h = new ObjectHeader()
                .message(ObjectHeader.DATASPACE, ObjectHeader.dataspace(dims))
                .message(ObjectHeader.DATATYPE, type.encode())
                .message(ObjectHeader.FILL_VALUE, ObjectHeader.fillValue(chunked))
                .message(ObjectHeader.LAYOUT, layout);
        if (filters != null) {
            h.message(ObjectHeader.FILTER_PIPELINE, filters);
        }
        h.attributes(attributes());
        return writer.append(h.encode());
    }
}
