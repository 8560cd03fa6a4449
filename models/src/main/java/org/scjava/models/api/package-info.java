/**
 * The model-facing types other modules code against: {@link org.scjava.models.api.FoundationModel} (tokenize →
 * forward → pool, with public steps for perturbation tasks), {@link org.scjava.models.api.ModelCard}, token lists,
 * hidden states, gene embeddings and the typed exceptions (checkpoint, unsafe pickle, device).
 */
package org.scjava.models.api;
