package org.scjava.dsl.io.h5ad;

import io.jhdf.api.Node;
import org.scjava.dsl.io.hdf5.H5Group;

/**
 * Reads and writes one anndata element encoding, like a pair of functions registered in anndata's
 * {@code _io/specs/methods.py}. Readers return plain Java values (primitive arrays, String[], Maps,
 * {@link org.scjava.dsl.core.Matrix}, {@link CategoricalArray}, Tablesaw tables, ...).
 */
public interface ElementCodec {

    /** Reads the element at {@code node}. */
    Object read(Node node, ReadContext ctx);

    /** Writes {@code value} as child {@code name} of {@code parent}, stamping both encoding attributes. */
    void write(H5Group parent, String name, Object value, WriteContext ctx);
}
