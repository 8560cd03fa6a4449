package org.scjava.models.runtime.djl;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.pytorch.jni.JniUtils;
import org.scjava.models.api.DeviceException;
import org.scjava.models.api.ModelException;
import org.scjava.models.runtime.Device;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DJL's PyTorch engine as scjava uses it: loaded once per JVM (offline: the libtorch in the
 * {@code pytorch-native-cpu} jar), device resolution with an actionable error when CUDA is missing, and the
 * intra-op thread count (a process-wide libtorch setting, so the last model loaded with an explicit count wins).
 */
public final class DjlEngine {

    private static final Logger LOG = LoggerFactory.getLogger(DjlEngine.class);
    static final String GPU_HELP = "The libtorch that DJL loaded has no CUDA device (this scjava build bundles the CPU"
            + " libtorch, ai.djl.pytorch:pytorch-native-cpu). To use a GPU: install a CUDA build of libtorch 2.7.1 and"
            + " start scjava with PYTORCH_LIBRARY_PATH=/path/to/libtorch/lib PYTORCH_FLAVOR=cu126 (or put"
            + " ai.djl.pytorch:pytorch-native-cu126:2.7.1:linux-x86_64 on the class path instead of pytorch-native-cpu),"
            + " check that nvidia-smi sees the card, and confirm with %device. Meanwhile use --device cpu.";

    private DjlEngine() {
    }

    /** The PyTorch engine, loading libtorch on first use. */
    public static synchronized Engine engine() {
        try {
            return Engine.getEngine("PyTorch");
        } catch (EngineException | IllegalArgumentException | UnsatisfiedLinkError e) {
            throw new ModelException("DJL could not load libtorch (" + e.getMessage() + "). scjava runs offline with the"
                    + " libtorch from the ai.djl.pytorch:pytorch-native-cpu:2.7.1 jar; make sure it is on the class path"
                    + " and that -Dai.djl.offline=true is set (./scjava does both).", e);
        }
    }

    /** The DJL device for {@code device}; a GPU without CUDA is a {@link DeviceException} saying how to enable it. */
    public static ai.djl.Device device(Device device) {
        Engine e = engine();
        if (device == Device.GPU) {
            if (e.getGpuCount() <= 0) {
                throw new DeviceException("--device gpu was requested but no CUDA GPU is visible to libtorch. " + GPU_HELP);
            }
            return ai.djl.Device.gpu();
        }
        return ai.djl.Device.cpu();
    }

    /** Sets libtorch's intra-op threads when {@code threads > 0} (0 keeps the current setting). */
    public static void configureThreads(int threads) {
        engine();
        if (threads > 0 && JniUtils.getNumThreads() != threads) {
            LOG.info("libtorch intra-op threads: {} -> {} (process-wide)", JniUtils.getNumThreads(), threads);
            JniUtils.setNumThreads(threads);
        }
    }

    /** "libtorch 2.7.1, 2 threads" for provenance. */
    public static String info() {
        Engine e = engine();
        return "libtorch " + e.getVersion() + ", " + JniUtils.getNumThreads() + " threads";
    }

    public static int threads() {
        engine();
        return JniUtils.getNumThreads();
    }
}
