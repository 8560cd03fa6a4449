package org.scjava.dsl.pp;

/** A symmetric linear map on {@code R^dim}, given only by its action (the matrix is never formed). */
public interface SymmetricOperator {

    int dim();

    /** {@code out = A · in}; {@code out} is overwritten. */
    void apply(double[] in, double[] out);

    /** {@code out[c] = A · in[c]} for a block of vectors; override for cache-friendly block products. */
    default void applyBlock(double[][] in, double[][] out) {
        for (int c = 0; c < in.length; c++) {
            apply(in[c], out[c]);
        }
    }
}
