package org.scjava.models.io;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.scjava.models.api.CheckpointException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a {@code .safetensors} file by memory mapping: an 8-byte little-endian header length, a JSON header
 * ({@code name → {dtype, shape, data_offsets}}, plus {@code __metadata__}) and the raw data. Tensors are views into
 * the mapping, so nothing is copied until a tensor is converted. Format: huggingface/safetensors README
 * (re-implemented; the spec is small). Offsets are validated: overlapping or out-of-range entries are an error.
 */
public final class SafeTensors {

    private static final long MAX_HEADER = 100L << 20;

    private SafeTensors() {
    }

    public static StateDict read(Path file) {
        String name = file.getFileName().toString();
        CheckpointFiles.requireRegularFile(file, "safetensors file");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw new CheckpointException(name + " is too short to be a safetensors file (" + size + " bytes)");
            }
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(lenBuf, 0);
            long headerLen = lenBuf.flip().getLong();
            if (headerLen <= 0 || headerLen > MAX_HEADER || 8 + headerLen > size) {
                throw new CheckpointException(name + ": safetensors header length " + headerLen + " does not fit a file of "
                        + size + " bytes (not a safetensors file, or truncated)");
            }
            ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
            ch.read(hb, 8);
            JsonObject header = parseHeader(new String(hb.array(), StandardCharsets.UTF_8), name);
            long dataStart = 8 + headerLen;
            long dataLen = size - dataStart;
            checkLayout(header, dataLen, name);
            if (dataLen > Integer.MAX_VALUE) {
                return new StateDict(name, mapLarge(ch, header, dataStart, dataLen, name));
            }
            MappedByteBuffer data = ch.map(FileChannel.MapMode.READ_ONLY, dataStart, dataLen);
            Map<String, HostTensor> out = new LinkedHashMap<>();
            for (var e : header.entrySet()) {
                if (!"__metadata__".equals(e.getKey())) {
                    out.put(e.getKey(), tensor(e.getKey(), e.getValue(), data, 0, dataLen, name));
                }
            }
            return new StateDict(name, out);
        } catch (IOException e) {
            throw new CheckpointException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Files over 2 GiB: one mapping per tensor (a single MappedByteBuffer cannot exceed 2 GiB). */
    private static Map<String, HostTensor> mapLarge(FileChannel ch, JsonObject header, long dataStart, long dataLen,
                                                    String name) throws IOException {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        for (var e : header.entrySet()) {
            if ("__metadata__".equals(e.getKey())) {
                continue;
            }
            long[] off = offsets(e.getKey(), e.getValue().getAsJsonObject(), dataLen, name);
            MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, dataStart + off[0], off[1] - off[0]);
            out.put(e.getKey(), tensor(e.getKey(), e.getValue(), m, off[0], dataLen, name));
        }
        return out;
    }

    private static JsonObject parseHeader(String json, String name) {
        try {
            JsonElement el = JsonParser.parseString(json.trim());
            if (!el.isJsonObject()) {
                throw new CheckpointException(name + ": safetensors header is not a JSON object");
            }
            return el.getAsJsonObject();
        } catch (com.google.gson.JsonParseException e) {
            throw new CheckpointException(name + ": safetensors header is not valid JSON (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The safetensors rules (huggingface/safetensors {@code Metadata::validate}): every entry is an object with a
     * dtype, a shape of non-negative integers and two integer offsets; sorted by offset the tensors tile the data
     * exactly, from byte 0 to the end of the file, without gaps or overlaps.
     */
    private static void checkLayout(JsonObject header, long dataLen, String name) {
        java.util.List<long[]> extents = new java.util.ArrayList<>();
        for (var e : header.entrySet()) {
            if ("__metadata__".equals(e.getKey())) {
                continue;
            }
            if (!e.getValue().isJsonObject()) {
                throw new CheckpointException(name + ": header entry '" + e.getKey() + "' is not an object");
            }
            long[] off = offsets(e.getKey(), e.getValue().getAsJsonObject(), dataLen, name);
            extents.add(new long[] {off[0], off[1], extents.size()});
        }
        extents.sort(java.util.Comparator.<long[]>comparingLong(x -> x[0]).thenComparingLong(x -> x[1]));
        long at = 0;
        for (long[] x : extents) {
            if (x[0] != at) {
                throw new CheckpointException(name + ": tensor data " + (x[0] < at ? "overlaps" : "leaves a gap")
                        + " at byte " + Math.min(x[0], at) + " (data_offsets [" + x[0] + ", " + x[1] + ")); safetensors "
                        + "tensors tile the data exactly (corrupt or hostile file)");
            }
            at = x[1];
        }
        if (at != dataLen) {
            throw new CheckpointException(name + ": the tensors cover " + at + " of the " + dataLen + " data bytes "
                    + "(truncated file, or bytes no tensor describes)");
        }
    }

    /** A JSON value that must be an integer: fractional, non-numeric or out-of-range values are refused. */
    private static long integer(JsonElement v, String what, String key, String name) {
        try {
            java.math.BigDecimal d = v.getAsJsonPrimitive().getAsBigDecimal();
            return d.longValueExact();
        } catch (RuntimeException e) {
            throw new CheckpointException(name + ": tensor '" + key + "' has " + what + " " + v
                    + ", which is not an integer", e);
        }
    }

    private static long[] offsets(String key, JsonObject o, long dataLen, String name) {
        if (!o.has("data_offsets") || !o.has("dtype") || !o.has("shape") || !o.get("data_offsets").isJsonArray()
                || !o.get("shape").isJsonArray() || o.getAsJsonArray("data_offsets").size() != 2) {
            throw new CheckpointException(name + ": header entry '" + key + "' lacks dtype, shape or a pair of "
                    + "data_offsets");
        }
        var offs = o.getAsJsonArray("data_offsets");
        long begin = integer(offs.get(0), "data offset", key, name);
        long end = integer(offs.get(1), "data offset", key, name);
        if (begin < 0 || end < begin || end > dataLen) {
            throw new CheckpointException(name + ": tensor '" + key + "' has data_offsets [" + begin + ", " + end
                    + ") outside the " + dataLen + " data bytes (truncated file?)");
        }
        return new long[] {begin, end};
    }

    private static HostTensor tensor(String key, JsonElement el, ByteBuffer data, long base, long dataLen, String name) {
        JsonObject o = el.getAsJsonObject();
        long[] off = offsets(key, o, dataLen, name);
        String dt = o.get("dtype").isJsonPrimitive() ? o.get("dtype").getAsString() : String.valueOf(o.get("dtype"));
        DType dtype = DType.fromSafetensors(dt);
        if (dtype == null) {
            throw new CheckpointException(name + ": tensor '" + key + "' has unsupported dtype " + dt);
        }
        var shapeArr = o.getAsJsonArray("shape");
        long[] shape = new long[shapeArr.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = integer(shapeArr.get(i), "shape entry", key, name);
            if (shape[i] < 0) {
                throw new CheckpointException(name + ": tensor '" + key + "' has a negative dimension " + shape[i]);
            }
        }
        long need;
        try {
            need = Math.multiplyExact(HostTensor.numel(shape), (long) dtype.bytes());
        } catch (ArithmeticException e) {
            throw new CheckpointException(name + ": tensor '" + key + "' has shape " + shapeArr + " whose size overflows", e);
        }
        if (need != off[1] - off[0]) {
            throw new CheckpointException(name + ": tensor '" + key + "' " + dt + java.util.Arrays.toString(shape)
                    + " needs " + need + " bytes but data_offsets give " + (off[1] - off[0]));
        }
        ByteBuffer slice = data.slice(Math.toIntExact(off[0] - base), Math.toIntExact(need)).order(ByteOrder.LITTLE_ENDIAN);
        return new HostTensor(dtype, shape, slice);
    }
}
