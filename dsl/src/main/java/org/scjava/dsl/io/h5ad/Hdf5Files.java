package org.scjava.dsl.io.h5ad;

import io.jhdf.HdfFile;
import org.scjava.dsl.io.AtlasFormatException;
import org.scjava.dsl.io.FileFormat;
import org.scjava.dsl.io.InputFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens HDF5 files for reading with errors that name the file and say what is wrong. Only regular files are opened
 * (a FIFO would block the open), and jHDF's decompression filters are replaced by bounded ones
 * ({@link BoundedFilters}) before the first file is read.
 */
public final class Hdf5Files {

    private Hdf5Files() {
    }

    public static HdfFile open(Path file) {
        InputFiles.requireRegularFile(file);
        BoundedFilters.install();
        try {
            if (!FileFormat.isHdf5(file)) {
                throw new AtlasFormatException(file, "", "not an HDF5 file (no HDF5 signature); expected an .h5ad or 10x .h5 file");
            }
            long size = Files.size(file);
            HdfFile h = new HdfFile(file);
            long eof = h.getUserBlockSize() + eofOf(h);
            if (eof > size) {
                h.close();
                throw new AtlasFormatException(file, "", "the file is truncated: HDF5 says it ends at byte " + eof
                        + " but it has " + size + " bytes (an interrupted copy or download?)");
            }
            return h;
        } catch (AtlasFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new AtlasFormatException(file, "", "cannot open as HDF5 (" + describe(e)
                    + "); the file may be truncated or corrupt", e);
        }
    }

    /**
     * Runs {@code body} on {@code file}'s structure and turns what jHDF throws lazily while parsing it (object headers
     * are read on first access, e.g. by {@code getChildren()}) into an {@link AtlasFormatException} naming the file;
     * a stack overflow from a structure jHDF follows recursively is reported the same way.
     */
    public static <T> T parsing(Path file, String element, java.util.function.Supplier<T> body) {
        try {
            return body.get();
        } catch (org.scjava.dsl.core.AtlasException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new AtlasFormatException(file, element, "unreadable HDF5 structure (" + describe(e)
                    + "); the file may be truncated or corrupt", e);
        }
    }

    /** "ExceptionType: message" of a library exception, for messages. */
    static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static long eofOf(HdfFile h) {
        return h.getHdfBackingStorage().getSuperblock().getEndOfFileAddress();
    }
}
