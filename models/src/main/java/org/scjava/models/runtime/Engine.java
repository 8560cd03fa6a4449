package org.scjava.models.runtime;

import org.scjava.models.io.HostTensor;

import java.nio.file.Path;
import java.util.List;

/**
 * The one runtime interface every model goes through: an inference engine that loads encoders, TorchScript modules
 * and model-specific programs onto a device. Implementations are found with {@link java.util.ServiceLoader} (DJL's
 * {@code ai.djl.engine.Engine} design), so model code never names an engine class; {@link Runtimes} is the entry
 * point. The DJL + libtorch implementation lives in {@code runtime.djl}.
 */
public interface Engine {

    /** A short name ("PyTorch (DJL)"); an engine with a higher {@link #rank()} wins when several are present. */
    String name();

    /** Preference among engines on the class path; higher wins. */
    default int rank() {
        return 0;
    }

    /** Engine version and threads, for provenance ("libtorch 2.7.1, 8 threads"). */
    String info();

    /** The post-LN BERT-style encoder described by {@code spec} (scGPT, Geneformer) with {@code weights}. */
    TransformerRuntime transformer(EncoderSpec spec, EncoderWeights weights, Device device, int threads,
                                   String description);

    /** A user's TorchScript module file. */
    ScriptRuntime torchScript(Path file, Device device, int threads, String description);

    /**
     * Top-level class {@code className} of TorchScript {@code source}, compiled with the engine's own encoder
     * functions, and {@code tensors} uploaded once (passed to every call through {@link ProgramRuntime.Call#weights}).
     */
    ProgramRuntime program(String source, String className, List<HostTensor> tensors, Device device, int threads,
                           String description);
}
