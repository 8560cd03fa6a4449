package org.scjava.dsl.io.h5ad;

import io.jhdf.api.Node;
import org.scjava.dsl.io.AtlasFormatException;

import java.nio.file.Path;

/** What a codec needs while reading: the file (for error messages) and the registry (to read children). */
public record ReadContext(Path file, ElementRegistry registry) {

    public Object read(Node node) {
        return registry.read(node, this);
    }

    public AtlasFormatException error(Node node, String message) {
        return new AtlasFormatException(file, node.getPath(), message);
    }
}
