package org.scjava.dsl.io.h5ad;

import org.scjava.dsl.io.AtlasFormatException;
import org.scjava.dsl.io.hdf5.H5Group;
import org.scjava.dsl.io.hdf5.Storage;

import java.nio.file.Path;

/** What a codec needs while writing: the target file (for messages), the registry and the storage options. */
public record WriteContext(Path file, ElementRegistry registry, H5adWriteOptions options) {

    public void write(H5Group parent, String name, Object value) {
        registry.write(parent, name, value, this);
    }

    public Storage storageFor(long elements) {
        return options.storageFor(elements);
    }

    public AtlasFormatException error(String elementPath, String message) {
        return new AtlasFormatException(file, elementPath, message);
    }
}
