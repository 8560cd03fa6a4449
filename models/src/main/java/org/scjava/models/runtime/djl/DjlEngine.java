package org.scjava.models.runtime.djl;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.engine.StandardCapabilities;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.jni.LibUtils;
import org.scjava.models.api.DeviceException;
import org.scjava.models.api.ModelException;
import org.scjava.models.runtime.Device;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * DJL's PyTorch engine as scjava uses it: loaded once per JVM, with the libtorch {@link LibTorchChoice} picks for the
 * device of the first model load (or {@link Device#preferred()}: {@code SCJAVA_DEVICE}, {@code %device gpu}); the device each model gets, falling back to the CPU with
 * one warning that says why and how to enable the GPU ({@code SCJAVA_DEVICE_STRICT=true} makes that an error); and the
 * intra-op thread count (a process-wide libtorch setting, so the last model loaded with an explicit count wins).
 */
public final class DjlEngine {

    private static final Logger LOG = LoggerFactory.getLogger(DjlEngine.class);

    private static Engine engine;
    private static LibTorchChoice.Plan loaded;
    /** Why GPU requests run on the CPU in this JVM; null while the GPU is usable (or was never tried). */
    private static String gpuUnusable;
    private static final Set<String> WARNED = new HashSet<>();

    private DjlEngine() {
    }

    /** The PyTorch engine, loading libtorch on first use for a CPU model (unless {@link Device#preferred()} is GPU). */
    public static synchronized Engine engine() {
        return engine(Device.CPU);
    }

    /** The PyTorch engine; the first call decides which libtorch is loaded, for {@code wanted} (see class doc). */
    public static synchronized Engine engine(Device wanted) {
        if (engine != null) {
            return engine;
        }
        Device first = wanted == Device.GPU || Device.preferred() == Device.GPU ? Device.GPU : Device.CPU;
        LibTorchChoice.Plan plan = LibTorchChoice.plan(NativeLibTorch.facts(first));
        if (plan.warning() != null) {
            LOG.warn(plan.warning());
        }
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        ClassLoader base = before != null ? before : DjlEngine.class.getClassLoader();
        try {
            thread.setContextClassLoader(NativeLibTorch.apply(plan, base));
            engine = Engine.getEngine("PyTorch");
        } catch (EngineException | IllegalArgumentException | UnsatisfiedLinkError e) {
            throw new ModelException("DJL could not load the " + plan.describe() + " (" + e.getMessage() + ")."
                    + (plan.source() == LibTorchChoice.Source.BUNDLED_CPU ? " scjava runs offline with the libtorch of"
                    + " the ai.djl.pytorch:pytorch-native-cpu:" + LibTorchChoice.LIBTORCH + " jar for this platform;"
                    + " make sure it is on the class path and that -Dai.djl.offline=true is set (./scjava does both)."
                    : " Unset PYTORCH_LIBRARY_PATH / PYTORCH_FLAVOR or use --device cpu to run on the bundled CPU libtorch."), e);
        } finally {
            thread.setContextClassLoader(before);
        }
        loaded = plan;
        gpuUnusable = plan.cuda() ? cudaCheck() : plan.cpuReason();
        LOG.info("libtorch: {}", plan.describe());
        return engine;
    }

    /** Null when a tensor can be made on gpu(0), else why not. */
    private static String cudaCheck() {
        if (!engine.hasCapability(StandardCapabilities.CUDA)) {
            return "the loaded libtorch (" + loaded.describe() + ") was built without CUDA.";
        }
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.gpu(), "PyTorch")) {
            m.zeros(new Shape(1)).toFloatArray();
            return null;
        } catch (RuntimeException e) {
            return "libtorch could not use the GPU (" + firstLine(e.getMessage()) + ").";
        }
    }

    /**
     * The DJL device for {@code device}: gpu(0) when the loaded libtorch has CUDA and the card answered, else the
     * CPU, with one warning per reason (a {@link DeviceException} instead when {@code SCJAVA_DEVICE_STRICT=true}).
     */
    public static synchronized ai.djl.Device device(Device device) {
        engine(device);
        if (device == Device.CPU) {
            return ai.djl.Device.cpu();
        }
        String why = gpuReason();
        if (why == null) {
            return ai.djl.Device.gpu();
        }
        String message = "--device gpu was requested but this model runs on the CPU: " + why
                + " (--device cpu runs there without this warning.)";
        if (strict()) {
            throw new DeviceException(message + " (SCJAVA_DEVICE_STRICT is set, so this is an error.)");
        }
        if (WARNED.add(why)) {
            LOG.warn(message);
        }
        return ai.djl.Device.cpu();
    }

    /** Why a GPU request would run on the CPU now, or null when it would run on the GPU. */
    static synchronized String gpuReason() {
        if (loaded == null) {
            return null;
        }
        if (!loaded.cuda() && loaded.cpuReason() == null) {
            LibTorchChoice.Plan gpuPlan = LibTorchChoice.plan(NativeLibTorch.facts(Device.GPU));
            return gpuPlan.cpuReason() != null ? gpuPlan.cpuReason()
                    : "the CPU libtorch was loaded first in this JVM (a CPU model was loaded before) and libtorch cannot"
                    + " be swapped while running: restart the kernel and load a GPU model first, or start scjava with"
                    + " SCJAVA_DEVICE=gpu so that the first load picks the " + gpuPlan.describe() + ".";
        }
        return gpuUnusable;
    }

    private static boolean strict() {
        String v = System.getenv("SCJAVA_DEVICE_STRICT");
        return Boolean.parseBoolean(v != null ? v : System.getProperty("scjava.device.strict", "false"));
    }

    /**
     * Rows for {@code %device}: the libtorch loaded (version, flavour, where from, its folder) and what GPU requests
     * get; before the first load, what each device would load. Loads nothing.
     */
    public static synchronized Map<String, String> report() {
        Map<String, String> rows = new LinkedHashMap<>();
        if (loaded == null) {
            rows.put("libtorch", "not loaded yet; the first model load picks it");
            rows.put("libtorch for --device cpu", plannedFor(Device.CPU));
            rows.put("libtorch for --device gpu", plannedFor(Device.GPU));
            return rows;
        }
        rows.put("libtorch", engine.getVersion() + " " + flavor() + ": " + loaded.describe());
        rows.put("libtorch folder", LibUtils.getLibtorchPath());
        rows.put("libtorch threads", Integer.toString(JniUtils.getNumThreads()));
        String why = gpuReason();
        rows.put("--device gpu", why == null ? "runs on gpu(0)" : "runs on the CPU: " + why);
        return rows;
    }

    private static String plannedFor(Device d) {
        try {
            LibTorchChoice.Plan p = LibTorchChoice.plan(NativeLibTorch.facts(d));
            return p.describe() + (p.cpuReason() == null ? "" : " (runs on the CPU: " + p.cpuReason() + ")");
        } catch (RuntimeException e) {
            return "cannot be loaded: " + e.getMessage();
        }
    }

    /** The plan libtorch was loaded with, or null before the first load. */
    static synchronized LibTorchChoice.Plan loadedPlan() {
        return loaded;
    }

    /** Sets libtorch's intra-op threads when {@code threads > 0} (0 keeps the current setting). */
    public static void configureThreads(int threads) {
        if (threads > 0 && JniUtils.getNumThreads() != threads) {
            LOG.info("libtorch intra-op threads: {} -> {} (process-wide)", JniUtils.getNumThreads(), threads);
            JniUtils.setNumThreads(threads);
        }
    }

    /** "libtorch 2.7.1 cpu, 2 threads" for provenance. */
    public static String info() {
        Engine e = engine();
        return "libtorch " + e.getVersion() + " " + flavor() + ", " + JniUtils.getNumThreads() + " threads";
    }

    /** The loaded flavour ("cpu", "cu128"). */
    static String flavor() {
        LibTorchChoice.Plan p = loadedPlan();
        return p == null ? "not loaded" : p.flavor().toLowerCase(Locale.ROOT);
    }

    /** The folder libtorch was loaded from. */
    static String libraryFolder() {
        engine();
        return LibUtils.getLibtorchPath();
    }

    public static int threads() {
        engine();
        return JniUtils.getNumThreads();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no detail";
        }
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i);
    }
}
