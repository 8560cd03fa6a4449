/**
 * Java evaluation for notebooks and scripts, on {@code jdk.jshell}: {@link org.scjava.kernel.eval.JavaSession}
 * (JShell in this JVM, Java 21 language and API), the snippet runner that returns live values and maps compiler and
 * stack positions to cell lines, and code assistance (completion, inspection, completeness).
 */
package org.scjava.kernel.eval;
