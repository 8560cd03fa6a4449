/**
 * The data an Atlas holds and nothing else: {@link org.scjava.dsl.core.AtlasData} (slots, shape checks, subset
 * and copy, history), the matrix types ({@link org.scjava.dsl.core.Matrix}, {@link org.scjava.dsl.core.CsrMatrix},
 * {@link org.scjava.dsl.core.DenseMatrix}), categories, raw, provenance ({@link org.scjava.dsl.core.History}),
 * progress reporting, the memory budget and {@link org.scjava.dsl.core.AtlasException}. The bottom layer: it imports
 * no other scjava package.
 */
package org.scjava.dsl.core;
