package org.scjava.dsl.pp;

/** Leading eigenpairs: {@code values[i]} descending, {@code vectors[i]} unit length; {@code steps} = operator applications. */
public record Eigenpairs(double[] values, double[][] vectors, int steps) {
}
