/**
 * The scjava Jupyter kernel: {@link org.scjava.kernel.ScjavaKernel} (JJava's protocol handling with scjava's own
 * execution, completion, inspection and errors), {@link org.scjava.kernel.CellRunner} (cells of Java and magics),
 * {@link org.scjava.kernel.Notebook} (the {@code display(...)} functions cells call) and the process entry point
 * {@link org.scjava.kernel.KernelMain}. Evaluation lives in {@code eval}, renderers in {@code display}, the ZeroMQ
 * channels in {@code transport}, progress bars in {@code progress}.
 */
package org.scjava.kernel;
