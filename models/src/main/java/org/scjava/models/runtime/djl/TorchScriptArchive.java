package org.scjava.models.runtime.djl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Packs TorchScript source into the in-memory archive layout {@code torch.jit.load} reads ({@code code/__torch__.py},
 * {@code data.pkl} holding the module object, {@code constants.pkl}, {@code version}); libtorch compiles the source
 * at load time. This lets scjava ship its encoder programs as reviewable text (resources next to this class) instead of
 * binary model files, with no Python involved. Layout reference: pytorch/pytorch
 * {@code torch/csrc/jit/serialization/export_module.cpp} and an archive written by {@code torch.jit.save}.
 */
final class TorchScriptArchive {

    private TorchScriptArchive() {
    }

    /** The archive for top-level module class {@code className} defined in {@code source}. */
    static byte[] build(String source, String className) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            String root = "scjava_" + className.toLowerCase(java.util.Locale.ROOT) + "/";
            put(zip, root + "data.pkl", modulePickle(className));
            put(zip, root + "code/__torch__.py", source.getBytes(StandardCharsets.UTF_8));
            put(zip, root + "constants.pkl", new byte[] {(byte) 0x80, 2, ')', 'q', 0, '.'});
            // Format version 3: no operator upgraders apply (the programs avoid div/full/linspace, whose semantics changed).
            put(zip, root + "version", "3\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Reads a program source bundled beside this class. */
    static String resource(String name) {
        try (InputStream in = TorchScriptArchive.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("bundled TorchScript program " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Protocol-2 pickle of {@code __torch__.<className>} with state {@code {"training": False}}. */
    private static byte[] modulePickle(String className) {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.writeBytes(new byte[] {(byte) 0x80, 2});
        p.writeBytes(("c__torch__\n" + className + "\n").getBytes(StandardCharsets.US_ASCII));
        p.writeBytes(new byte[] {')', (byte) 0x81, '}', '(', 'X', 8, 0, 0, 0});
        p.writeBytes("training".getBytes(StandardCharsets.US_ASCII));
        p.writeBytes(new byte[] {(byte) 0x89, 'u', 'b', '.'});
        return p.toByteArray();
    }

    /** Stored (uncompressed) entries, as torch writes them. */
    private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }
}
