/**
 * Engine-neutral runtime pieces: the encoder description ({@link org.scjava.models.runtime.EncoderSpec},
 * {@link org.scjava.models.runtime.EncoderWeights}), length-bucketed batching, the memory guard that sizes batches,
 * the batch runner (progress, interrupts, input order) and the Cleaner-based leak guard. Implementations live in
 * {@code runtime.djl}.
 */
package org.scjava.models.runtime;
