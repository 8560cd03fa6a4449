/**
 * The small contract between the DSL and model code: {@link org.scjava.dsl.api.CellEmbedder} (cells to vectors),
 * {@link org.scjava.dsl.api.ProteinEmbedder}, {@link org.scjava.dsl.api.PerturbableModel} (token-level access for
 * in-silico perturbation) with {@link org.scjava.dsl.api.TokenSequence}, and the gene-vocabulary match rule
 * {@link org.scjava.dsl.api.GeneMatch}. Depends on core only; the models module sees the DSL through this package
 * and core value types.
 */
package org.scjava.dsl.api;
