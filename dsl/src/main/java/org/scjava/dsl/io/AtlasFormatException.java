package org.scjava.dsl.io;

import org.scjava.dsl.core.AtlasException;

import java.nio.file.Path;

/**
 * A file could not be read or written as an Atlas. The message names the file, the element path inside it
 * (e.g. {@code pbmc.h5ad:/obs/cell_type/codes}) and what was expected, so the user can find the problem without
 * a stack trace from inside the HDF5 library.
 */
public class AtlasFormatException extends AtlasException {

    private final Path file;
    private final String elementPath;

    public AtlasFormatException(Path file, String elementPath, String message) {
        super(describe(file, elementPath, message));
        this.file = file;
        this.elementPath = elementPath;
    }

    public AtlasFormatException(Path file, String elementPath, String message, Throwable cause) {
        super(describe(file, elementPath, message), cause);
        this.file = file;
        this.elementPath = elementPath;
    }

    private static String describe(Path file, String elementPath, String message) {
        String where = file == null ? "" : file.toString();
        if (elementPath != null && !elementPath.isEmpty()) {
            where += ":" + elementPath;
        }
        return where.isEmpty() ? message : where + ": " + message;
    }

    public Path file() {
        return file;
    }

    /** The element inside the file ("/obs/cell_type"), or empty when the file as a whole is at fault. */
    public String elementPath() {
        return elementPath;
    }
}
