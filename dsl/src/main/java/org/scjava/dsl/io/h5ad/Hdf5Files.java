package org.scjava.dsl.io.h5ad;

import io.jhdf.HdfFile;
import org.scjava.dsl.io.AtlasFormatException;
import org.scjava.dsl.io.FileFormat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens HDF5 files for reading with errors that name the file and say what is wrong. */
public final class Hdf5Files {

    private Hdf5Files() {
    }

    public static HdfFile open(Path file) {
        if (!Files.exists(file)) {
            throw new AtlasFormatException(file, "", "no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new AtlasFormatException(file, "", "not a regular file");
        }
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
            throw new AtlasFormatException(file, "", "cannot open as HDF5 (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); the file may be truncated or corrupt", e);
        }
    }

    private static long eofOf(HdfFile h) {
        return h.getHdfBackingStorage().getSuperblock().getEndOfFileAddress();
    }
}
