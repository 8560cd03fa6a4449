/**
 * Foundation-model runtime: {@link org.scjava.models.Models} loads scGPT, Geneformer and TorchScript models from the
 * files users download ({@link org.scjava.models.ModelRegistry} maps kind names to loaders for {@code %model load});
 * {@link org.scjava.models.ModelOptions} holds device, batch size, threads and seed. Sub-packages: {@code api}
 * (FoundationModel and its value types), {@code io} (safe checkpoint readers), {@code runtime} (batching, memory and
 * leak guards; DJL only in {@code runtime.djl}), and one package per model family.
 */
package org.scjava.models;
