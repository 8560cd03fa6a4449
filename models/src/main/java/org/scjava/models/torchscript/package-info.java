/** A user's own TorchScript export used as a cell embedder (matrix of genes in, embedding out). */
package org.scjava.models.torchscript;
