package org.scjava.models.runtime;

import org.scjava.models.io.HostTensor;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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

    /** Engine version, flavour and threads, for provenance ("libtorch 2.7.1 cpu, 8 threads"). */
    String info();

    /**
     * What the engine runs on, as labelled rows for {@code %device}: the native library and its flavour, where it was
     * found, whether GPU requests can be served (and if not, why). Never loads the engine: before the first model
     * load it says what would be chosen for the CPU and for a GPU.
     */
    Map<String, String> report();

    /** The post-LN BERT-style encoder described by {@code spec} (scGPT, Geneformer) with {@code weights}. */
    TransformerRuntime transformer(EncoderSpec spec, EncoderWeights weights, Placement placement, String description);

    /** A user's TorchScript module file. */
    ScriptRuntime torchScript(Path file, Device device, int threads, String description);

    /**
     * Top-level class {@code className} of TorchScript {@code source}, compiled with the engine's own encoder
     * functions, and {@code tensors} uploaded once (passed to every call through {@link ProgramRuntime.Call#weights}).
     */
    ProgramRuntime program(String source, String className, List<HostTensor> tensors, Device device, int threads,
                           String description);
}
