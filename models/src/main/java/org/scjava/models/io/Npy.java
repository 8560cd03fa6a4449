package org.scjava.models.io;

import org.scjava.models.api.CheckpointException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads numpy {@code .npy} arrays (format versions 1–3, C order, little-endian numeric dtypes) as {@link HostTensor}s.
 * Format: numpy's {@code numpy/lib/format.py} documentation. Used for reference outputs and small weight files.
 */
public final class Npy {

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([a-z]\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    public static HostTensor read(Path file) {
        CheckpointFiles.requireRegularFile(file, ".npy file");
        try {
            if (Files.size(file) > Integer.MAX_VALUE - 8) {
                throw new CheckpointException(file + " is larger than 2 GiB; scjava reads .npy arrays up to 2 GiB");
            }
            return parse(Files.readAllBytes(file), file.getFileName().toString());
        } catch (IOException e) {
            throw new CheckpointException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static HostTensor parse(byte[] bytes, String name) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 10 || (bytes[0] & 0xff) != 0x93 || !"NUMPY".equals(new String(bytes, 1, 5, StandardCharsets.US_ASCII))) {
            throw new CheckpointException(name + " is not a .npy file (missing \\x93NUMPY magic)");
        }
        int major = bytes[6];
        int headerLen = major == 1 ? b.getShort(8) & 0xffff : b.getInt(8);
        int headerStart = major == 1 ? 10 : 12;
        if (major < 1 || major > 3 || bytes.length < headerStart || headerLen < 0
                || headerLen > bytes.length - headerStart) {
            throw new CheckpointException(name + ": .npy version " + major + " header of " + headerLen + " bytes does "
                    + "not fit the " + bytes.length + "-byte file (truncated or corrupt)");
        }
        String header = new String(bytes, headerStart, headerLen, StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) {
            throw new CheckpointException(name + ": unreadable .npy header " + header.trim());
        }
        DType dtype = DType.fromNumpy(d.group(2));
        if (dtype == null || ">".equals(d.group(1)) || "True".equals(f.group(1))) {
            throw new CheckpointException(name + ": unsupported .npy layout " + d.group(1) + d.group(2)
                    + (f.group(1).equals("True") ? " (Fortran order)" : "") + "; need little-endian numeric C order");
        }
        String[] dims = s.group(1).split(",");
        long[] shape;
        long need;
        try {
            shape = java.util.Arrays.stream(dims).map(String::trim).filter(x -> !x.isEmpty())
                    .mapToLong(Long::parseLong).toArray();
            need = Math.multiplyExact(HostTensor.numel(shape), (long) dtype.bytes());
        } catch (NumberFormatException | ArithmeticException e) {
            throw new CheckpointException(name + ": .npy shape (" + s.group(1) + ") is not a valid shape", e);
        }
        if (java.util.Arrays.stream(shape).anyMatch(x -> x < 0)) {
            throw new CheckpointException(name + ": .npy shape (" + s.group(1) + ") has a negative dimension");
        }
        int start = headerStart + headerLen;
        if (bytes.length - start < need) {
            throw new CheckpointException(name + ": .npy data is " + (bytes.length - start) + " bytes, shape needs " + need);
        }
        return new HostTensor(dtype, shape, b.slice(start, (int) need));
    }
}
