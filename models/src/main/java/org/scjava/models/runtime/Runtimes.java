package org.scjava.models.runtime;

import org.scjava.models.runtime.djl.DjlScriptModule;
import org.scjava.models.runtime.djl.DjlTransformer;

import java.nio.file.Path;

/** Creates encoder runtimes; DJL's PyTorch engine is the one implementation today. */
public final class Runtimes {

    private Runtimes() {
    }

    /** Loads {@code weights} onto {@code device}; {@code description} names the model in logs and leak warnings. */
    public static TransformerRuntime transformer(EncoderSpec spec, EncoderWeights weights, Device device, int threads,
                                                 String description) {
        return DjlTransformer.load(spec, weights, device, threads, description);
    }

    /** Loads a user's TorchScript file onto {@code device}. */
    public static ScriptRuntime torchScript(Path file, Device device, int threads, String description) {
        return DjlScriptModule.load(file, device, threads, description);
    }
}
