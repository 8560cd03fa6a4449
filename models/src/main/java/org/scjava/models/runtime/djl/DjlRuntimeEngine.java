package org.scjava.models.runtime.djl;

import org.scjava.models.io.HostTensor;
import org.scjava.models.runtime.Device;
import org.scjava.models.runtime.EncoderSpec;
import org.scjava.models.runtime.EncoderWeights;
import org.scjava.models.runtime.Placement;
import org.scjava.models.runtime.Engine;
import org.scjava.models.runtime.ProgramRuntime;
import org.scjava.models.runtime.ScriptRuntime;
import org.scjava.models.runtime.TransformerRuntime;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The DJL + libtorch {@link Engine} (registered in {@code META-INF/services}): encoders run as the TorchScript
 * programs of {@code encoders.torchscript} ({@link DjlTransformer}), user modules as {@link DjlScriptModule}, model
 * programs as {@link DjlProgram}.
 */
public final class DjlRuntimeEngine implements Engine {

    @Override
    public String name() {
        return "PyTorch (DJL)";
    }

    @Override
    public String info() {
        return DjlEngine.info();
    }

    @Override
    public Map<String, String> report() {
        return DjlEngine.report();
    }

    @Override
    public TransformerRuntime transformer(EncoderSpec spec, EncoderWeights weights, Placement placement,
                                          String description) {
        return DjlTransformer.load(spec, weights, placement, description);
    }

    @Override
    public ScriptRuntime torchScript(Path file, Device device, int threads, String description) {
        return DjlScriptModule.load(file, device, threads, description);
    }

    @Override
    public ProgramRuntime program(String source, String className, List<HostTensor> tensors, Device device,
                                  int threads, String description) {
        return DjlProgram.load(source, className, tensors, device, threads, description);
    }
}
