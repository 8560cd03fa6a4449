package org.scjava.models.io;

import org.scjava.models.api.CheckpointException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A tensor as a torch pickle describes it ({@code torch._utils._rebuild_tensor_v2(storage, offset, size, stride, ...)}),
 * materialised into a contiguous {@link HostTensor} once the storage bytes are available (after the pickle for old
 * non-zip files, whose storages follow it).
 */
final class TensorRef {

    /** Largest tensor materialised from fewer stored elements (stride 0 / overlapping strides, e.g. expand()). */
    private static final long MAX_EXPANDED_BYTES = 64L << 20;

    private final TorchStorage storage;
    private final long offset;
    private final long[] size;
    private final long[] stride;

    TensorRef(TorchStorage storage, long offset, long[] size, long[] stride) {
        this.storage = storage;
        this.offset = offset;
        this.size = size;
        this.stride = stride;
    }

    HostTensor materialize(String source, String name) {
        int es = storage.dtype().bytes();
        if (size.length != stride.length || offset < 0) {
            throw new CheckpointException(source + ": tensor '" + name + "' has " + size.length + " sizes, "
                    + stride.length + " strides and offset " + offset + " (corrupt checkpoint)");
        }
        long numel;
        long maxIndex = offset;
        try {
            numel = HostTensor.numel(size);
            for (int i = 0; i < size.length; i++) {
                if (size[i] < 0 || stride[i] < 0) {
                    throw new CheckpointException(source + ": tensor '" + name + "' has a negative size or stride "
                            + Arrays.toString(size) + " / " + Arrays.toString(stride) + " (corrupt checkpoint)");
                }
                if (size[i] == 0) {
                    maxIndex = -1;
                    break;
                }
                maxIndex = Math.addExact(maxIndex, Math.multiplyExact(size[i] - 1, stride[i]));
            }
            if (Math.multiplyExact(numel, (long) es) > Integer.MAX_VALUE - 8) {
                throw new CheckpointException(source + ": tensor '" + name + "' with shape " + Arrays.toString(size)
                        + " is larger than 2 GiB, which one host tensor cannot hold");
            }
        } catch (ArithmeticException e) {
            throw new CheckpointException(source + ": tensor '" + name + "' has shape " + Arrays.toString(size)
                    + " and strides " + Arrays.toString(stride) + " whose extent overflows (corrupt checkpoint)", e);
        }
        ByteBuffer all = storage.bytes().order(ByteOrder.LITTLE_ENDIAN);
        long base = storage.elementOffset();
        long available = Math.min(all.remaining() / es, storage.numel() + base) - base;
        if (maxIndex >= available || available < 0) {
            throw new CheckpointException(source + ": tensor '" + name + "' with shape " + Arrays.toString(size)
                    + " needs element " + maxIndex + " of storage '" + storage.key() + "', which holds only "
                    + Math.max(available, 0) + " " + storage.dtype() + " elements (truncated or corrupt checkpoint)");
        }
        if (numel == 0) {
            return new HostTensor(storage.dtype(), size, ByteBuffer.allocate(0));
        }
        if (isContiguous()) {
            int from = Math.toIntExact((base + offset) * es);
            ByteBuffer slice = all.slice(from, Math.toIntExact(numel * es));
            return new HostTensor(storage.dtype(), size, slice);
        }
        if (numel > available && numel * es > MAX_EXPANDED_BYTES) {
            throw new CheckpointException(source + ": tensor '" + name + "' with shape " + Arrays.toString(size)
                    + " and strides " + Arrays.toString(stride) + " repeats its " + available + " stored elements "
                    + "into " + numel + " (a stride-0 expansion larger than " + (MAX_EXPANDED_BYTES >> 20) + " MiB)");
        }
        return new HostTensor(storage.dtype(), size, gather(all, (int) base, es, numel));
    }

    private boolean isContiguous() {
        long expected = 1;
        for (int i = size.length - 1; i >= 0; i--) {
            if (size[i] != 1 && stride[i] != expected) {
                return false;
            }
            expected *= size[i];
        }
        return true;
    }

    /** Copies a strided view element by element into C order (rare: transposed tensors saved without contiguous()). */
    private ByteBuffer gather(ByteBuffer all, int base, int es, long numel) {
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(numel * es)).order(ByteOrder.LITTLE_ENDIAN);
        long[] idx = new long[size.length];
        byte[] elem = new byte[es];
        for (long n = 0; n < numel; n++) {
            long src = offset;
            for (int d = 0; d < size.length; d++) {
                src += idx[d] * stride[d];
            }
            all.get(Math.toIntExact((base + src) * es), elem);
            out.put(elem);
            for (int d = size.length - 1; d >= 0; d--) {
                if (++idx[d] < size[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return out.flip();
    }
}
