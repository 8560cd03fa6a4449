/**
 * Engine-neutral runtime: the one interface every model goes through ({@link org.scjava.models.runtime.Engine},
 * found by ServiceLoader through {@link org.scjava.models.runtime.Runtimes}) and the handles it returns
 * ({@link org.scjava.models.runtime.TransformerRuntime} for the BERT-style encoders of scGPT and Geneformer,
 * {@link org.scjava.models.runtime.ProgramRuntime} for the model-specific programs of scBERT, scFoundation and ESM-2,
 * {@link org.scjava.models.runtime.ScriptRuntime} for user TorchScript); the encoder description, length-bucketed
 * batching, the memory guard that sizes batches, the batch runner (progress, interrupts, input order) and the
 * Cleaner-based leak guard. The DJL implementation lives in {@code runtime.djl}; nothing here names it.
 */
package org.scjava.models.runtime;
