/**
 * scGPT (bowang-lab/scGPT): {@code args.json}/{@code vocab.json}/{@code best_model.pt} loading with both parameter
 * naming schemes, {@code embed_data}'s tokenisation and value binning, and {@code <cls>} cell embeddings.
 */
package org.scjava.models.scgpt;
