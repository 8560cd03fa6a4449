/**
 * Synthetic data for scale checks and benchmarks: count matrices with realistic sparsity and real gene symbols,
 * streamed straight to h5ad ({@link org.scjava.dsl.synthetic.SyntheticAtlas}) so an atlas of millions of cells can
 * be written in bounded memory.
 */
package org.scjava.dsl.synthetic;
