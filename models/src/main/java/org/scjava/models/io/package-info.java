/**
 * Checkpoint readers that never execute code: an allowlisted unpickler
 * ({@link org.scjava.models.io.SafeUnpickler}), torch {@code .pt}/{@code .bin} files in the zip and legacy layouts
 * ({@link org.scjava.models.io.TorchCheckpoint}), memory-mapped safetensors, numpy {@code .npy}, and pickled
 * vocabulary dictionaries with numpy scalars. Tensors arrive as {@link org.scjava.models.io.HostTensor}s and are
 * widened to float32 in Java.
 */
package org.scjava.models.io;
