/**
 * Reading and writing {@link org.scjava.dsl.core.AtlasData}: format detection and dispatch
 * ({@link org.scjava.dsl.io.AtlasIO}), the backed h5ad reader ({@link org.scjava.dsl.io.BackedH5ad}), typed file
 * errors, and small text formats tasks read (FASTA, delimited tables). Codecs live in the subpackages (h5ad, hdf5,
 * mtx, tenx). Depends on core only.
 */
package org.scjava.dsl.io;
