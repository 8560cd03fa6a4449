/**
 * The only package that touches DJL: the PyTorch engine (offline libtorch 2.7.1, device and threads), the encoder
 * programs in {@code encoders.torchscript} packed into in-memory TorchScript archives, and user TorchScript modules.
 * Every NDManager, module and IValue is owned by a closeable handle; each batch runs in its own sub-manager.
 */
package org.scjava.models.runtime.djl;
