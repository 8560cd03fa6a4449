package org.scjava.models.runtime;

import org.scjava.models.io.HostTensor;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Where models get their runtimes: the {@link Engine} found on the class path (ServiceLoader; the highest
 * {@link Engine#rank()} wins). Model code calls these methods and never names an engine class.
 */
public final class Runtimes {

    private Runtimes() {
    }

    /**
     * The engine models run on; throws naming the service file when none is on the class path. Looked up per call
     * (models are loaded rarely), so nothing global is cached.
     */
    public static Engine engine() {
        return ServiceLoader.load(Engine.class, Runtimes.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get).max(Comparator.comparingInt(Engine::rank))
                .orElseThrow(() -> new IllegalStateException("no inference engine on the class path: expected a"
                        + " META-INF/services/" + Engine.class.getName() + " entry (scjava-models ships the DJL one)"));
    }

    public static TransformerRuntime transformer(EncoderSpec spec, EncoderWeights weights, Placement placement,
                                                 String description) {
        return engine().transformer(spec, weights, placement, description);
    }

    /** Float32 encoder on {@code device}. */
    public static TransformerRuntime transformer(EncoderSpec spec, EncoderWeights weights, Device device, int threads,
                                                 String description) {
        return transformer(spec, weights, Placement.of(device, threads), description);
    }

    public static ScriptRuntime torchScript(Path file, Device device, int threads, String description) {
        return engine().torchScript(file, device, threads, description);
    }

    public static ProgramRuntime program(String source, String className, List<HostTensor> tensors,
                                         Device device, int threads, String description) {
        return engine().program(source, className, tensors, device, threads, description);
    }
}
