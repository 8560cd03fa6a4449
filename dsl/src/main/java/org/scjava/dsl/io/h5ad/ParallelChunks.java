package org.scjava.dsl.io.h5ad;

import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.filter.PipelineFilterWithData;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads 1-D chunked numeric datasets (X's data/indices) by inflating chunks on all cores straight into the target
 * array. jHDF decodes chunks one by one through intermediate buffers; on the gzip-compressed X of a typical h5ad
 * this reader is ~3× faster on 2 cores. Handles the filters anndata/h5py use (deflate, optionally after shuffle);
 * anything else returns null so the caller falls back to jHDF.
 */
final class ParallelChunks {

    private static final ThreadLocal<Inflater> INFLATER = ThreadLocal.withInitial(Inflater::new);

    private ParallelChunks() {
    }

    /** The dataset's values as int[], long[], short[], byte[], float[] or double[], or null when not applicable. */
    static Object read(Dataset ds) {
        return ds.getSize() == 0 ? null : read(ds, 0, Math.toIntExact(ds.getSize()));
    }

    /**
     * Values [from, from+length) of a 1-D chunked dataset, inflating only the chunks that overlap the range (the
     * backed reader's row blocks), or null when not applicable.
     */
    static Object read(Dataset ds, long from, int length) {
        if (!(ds instanceof ChunkedDataset cd) || ds.getDimensions().length != 1 || length == 0) {
            return null;
        }
        DataType t = ds.getDataType();
        boolean isFloat = t instanceof FloatingPoint;
        if (!(t instanceof FixedPoint fp && fp.isSigned()) && !isFloat) {
            return null;
        }
        int size = t.getSize();
        if (isFloat && size == 2) {
            return null; // float16: leave to jHDF
        }
        List<PipelineFilterWithData> filters = cd.getFilters();
        boolean shuffle = false;
        boolean deflate = false;
        for (int i = 0; i < filters.size(); i++) {
            int id = filters.get(i).getId();
            if (id == 2 && i == 0) {
                shuffle = true;
            } else if (id == 1 && i == filters.size() - 1) {
                deflate = true;
            } else {
                return null;
            }
        }
        ByteOrder order = t instanceof FixedPoint f ? f.getByteOrder() : ((FloatingPoint) t).getByteOrder();
        int chunk = cd.getChunkDimensions()[0];
        int firstChunk = Math.toIntExact(from / chunk);
        int lastChunk = Math.toIntExact((from + length - 1) / chunk);
        Object out = newArray(isFloat, size, length);
        boolean doShuffle = shuffle;
        boolean doInflate = deflate;
        cd.getRawChunkBuffer(new int[] {firstChunk * chunk}); // builds the chunk index once, before going parallel
        try {
            IntStream.rangeClosed(firstChunk, lastChunk).parallel().forEach(c -> {
                ByteBuffer raw = cd.getRawChunkBuffer(new int[] {c * chunk});
                byte[] bytes = new byte[chunk * size];
                int got = doInflate ? inflate(raw, bytes) : copy(raw, bytes);
                if (got != bytes.length) {
                    throw new IllegalStateException("chunk " + c + " decodes to " + got + " bytes, expected " + bytes.length);
                }
                if (doShuffle) {
                    bytes = unshuffle(bytes, size);
                }
                // Overlap of this chunk [c*chunk, (c+1)*chunk) with the requested range.
                long lo = Math.max(from, (long) c * chunk);
                long hi = Math.min(from + length, (long) (c + 1) * chunk);
                ByteBuffer b = ByteBuffer.wrap(bytes).order(order);
                b.position(Math.toIntExact((lo - (long) c * chunk) * size));
                decode(b.slice().order(order), out, Math.toIntExact(lo - from), Math.toIntExact(hi - lo));
            });
        } catch (IllegalStateException e) {
            return null; // unexpected chunk layout: let jHDF read it (it reports real corruption with context)
        }
        return out;
    }

    private static Object newArray(boolean isFloat, int size, int n) {
        if (isFloat) {
            return size == 4 ? new float[n] : new double[n];
        }
        return switch (size) {
            case 1 -> new byte[n];
            case 2 -> new short[n];
            case 4 -> new int[n];
            default -> new long[n];
        };
    }

    private static int inflate(ByteBuffer raw, byte[] out) {
        Inflater inf = INFLATER.get();
        inf.reset();
        inf.setInput(raw);
        try {
            int total = 0;
            while (total < out.length && !inf.finished()) {
                int k = inf.inflate(out, total, out.length - total);
                if (k == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    break;
                }
                total += k;
            }
            return total;
        } catch (DataFormatException e) {
            throw new IllegalStateException("corrupt deflate stream: " + e.getMessage(), e);
        }
    }

    private static int copy(ByteBuffer raw, byte[] out) {
        int k = Math.min(raw.remaining(), out.length);
        raw.get(out, 0, k);
        return k;
    }

    private static byte[] unshuffle(byte[] in, int size) {
        int n = in.length / size;
        byte[] out = new byte[in.length];
        for (int b = 0; b < size; b++) {
            for (int i = 0; i < n; i++) {
                out[i * size + b] = in[b * n + i];
            }
        }
        return out;
    }

    private static void decode(ByteBuffer b, Object out, int from, int count) {
        switch (out) {
            case int[] a -> b.asIntBuffer().get(a, from, count);
            case float[] a -> b.asFloatBuffer().get(a, from, count);
            case long[] a -> b.asLongBuffer().get(a, from, count);
            case double[] a -> b.asDoubleBuffer().get(a, from, count);
            case short[] a -> b.asShortBuffer().get(a, from, count);
            case byte[] a -> b.get(a, from, count);
            default -> throw new IllegalStateException();
        }
    }
}
