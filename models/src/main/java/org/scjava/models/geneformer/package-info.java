/**
 * Geneformer V1/V2 (ctheodoris/Geneformer): HF BERT checkpoints (safetensors or pytorch_model.bin), the rank-value
 * tokenizer with its pickled dictionaries, symbol → Ensembl mapping, and {@code EmbExtractor}'s layer and pooling.
 */
package org.scjava.models.geneformer;
