package org.scjava.models.runtime;

import org.scjava.models.io.HostTensor;

import java.util.List;

/**
 * Host tensors of an encoder in the runtime's canonical order (see the header of {@code encoders.torchscript}):
 * the input-embedding tensors, then 12 tensors per layer. Model loaders map checkpoint names onto this and check
 * every shape first, so the runtime can trust it.
 */
public record EncoderWeights(List<HostTensor> inputs, List<HostTensor> layers) {

    /** Tensors per encoder layer. */
    public static final int PER_LAYER = 12;

    public EncoderWeights {
        inputs = List.copyOf(inputs);
        layers = List.copyOf(layers);
        if (layers.size() % PER_LAYER != 0) {
            throw new IllegalArgumentException(layers.size() + " layer tensors is not a multiple of " + PER_LAYER);
        }
    }

    public int numLayers() {
        return layers.size() / PER_LAYER;
    }
}
