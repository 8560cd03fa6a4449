package org.scjava.models.runtime.djl;

import org.scjava.models.runtime.Device;
import org.scjava.models.runtime.GpuDriver;

import java.nio.file.Path;
import java.util.List;

/**
 * Decides which libtorch DJL loads — a pure function of the machine's facts, so every branch is testable on a
 * machine without a GPU. DJL 0.36 runs libtorch {@value #LIBTORCH} and ships its JNI for the CPU and for CUDA 12.8
 * ({@value #CUDA_FLAVOR}, linux-x86_64 and win-x86_64). In order:
 * <ol>
 *   <li>{@code PYTORCH_LIBRARY_PATH} names a local libtorch (a libtorch zip, or the {@code torch/lib} folder of a
 *       PyTorch install): it is used whatever the device, with flavour {@value #CUDA_FLAVOR} when it holds
 *       {@code torch_cuda} — DJL's documented override;</li>
 *   <li>otherwise a CPU request (the default) takes the CPU libtorch bundled in {@code pytorch-native-cpu}, offline;</li>
 *   <li>a GPU request on a machine whose NVIDIA driver runs CUDA 12 takes, in order, a CUDA native jar on the class
 *       path ({@code ai.djl.pytorch:pytorch-native-cu128}), a CUDA libtorch DJL downloaded earlier into its cache, or —
 *       when DJL is not offline — DJL's own download of the {@value #CUDA_FLAVOR} libtorch into its cache;</li>
 *   <li>anything else runs on the CPU, with one reason saying which of the three ways would enable the GPU.</li>
 * </ol>
 */
final class LibTorchChoice {

    static final String LIBTORCH = "2.7.1";
    static final String CUDA_FLAVOR = "cu128";
    /** CUDA 12.x libraries run on any driver for CUDA 12.0+ (CUDA minor version compatibility, driver ≥ 525.60.13). */
    static final int MIN_DRIVER_CUDA = 12000;
    static final List<String> CUDA_CLASSIFIERS = List.of("linux-x86_64", "win-x86_64");

    /** Where the chosen libtorch comes from. */
    enum Source { LOCAL, CUDA_JAR, DJL_CACHE, DJL_DOWNLOAD, BUNDLED_CPU }

    /** A {@code native/lib/pytorch.properties} found on the class path (one per native jar). */
    record NativeJar(String flavor, String classifier, String version, List<String> libraries, String url) {
        boolean cuda() {
            return flavor.startsWith("cu");
        }
    }

    /**
     * What the choice depends on.
     *
     * @param wanted        the device of the first model load (or {@code SCJAVA_DEVICE})
     * @param libraryPath   {@code PYTORCH_LIBRARY_PATH}, or null
     * @param localHasCuda  whether that folder holds {@code torch_cuda}
     * @param localVersion  that libtorch's version when its files say (build-version, version.py), else null
     * @param flavor        {@code PYTORCH_FLAVOR}, or null
     * @param offline       DJL's offline mode ({@code ai.djl.offline}, {@code DJL_OFFLINE})
     * @param classifier    DJL's platform classifier, e.g. "linux-x86_64", "osx-aarch64"
     * @param driver        the NVIDIA driver and GPUs
     * @param jars          native jars on the class path
     * @param cudaCache     a CUDA libtorch folder already in DJL's cache, or null
     */
    record Facts(Device wanted, String libraryPath, boolean localHasCuda, String localVersion, String flavor,
                 boolean offline, String classifier, GpuDriver driver, List<NativeJar> jars, Path cudaCache) {
    }

    /**
     * The decision.
     *
     * @param source         where libtorch comes from
     * @param flavor         "cpu" or a CUDA flavour, passed to DJL as {@code PYTORCH_FLAVOR} (selects its JNI)
     * @param libraryPath    the folder to pass as {@code PYTORCH_LIBRARY_PATH}, or null to leave DJL's search alone
     * @param jar            the CUDA native jar to unpack into DJL's cache ({@link Source#CUDA_JAR}), else null
     * @param cpuReason      why a GPU request runs on the CPU (null when the GPU path was chosen or not asked for)
     * @param warning        something the user should know although the plan goes ahead (a version mismatch), or null
     */
    record Plan(Source source, String flavor, Path libraryPath, NativeJar jar, String cpuReason, String warning) {

        boolean cuda() {
            return flavor.startsWith("cu");
        }

        /** "cu128 libtorch from PYTORCH_LIBRARY_PATH=/opt/libtorch/lib". */
        String describe() {
            return switch (source) {
                case LOCAL -> flavor + " libtorch from PYTORCH_LIBRARY_PATH=" + libraryPath;
                case CUDA_JAR -> flavor + " libtorch from the native jar " + jar.url();
                case DJL_CACHE -> flavor + " libtorch from DJL's cache " + libraryPath;
                case DJL_DOWNLOAD -> flavor + " libtorch downloaded by DJL into its cache";
                case BUNDLED_CPU -> "cpu libtorch bundled in ai.djl.pytorch:pytorch-native-cpu";
            };
        }
    }

    private LibTorchChoice() {
    }

    static Plan plan(Facts f) {
        if (f.libraryPath() != null && !f.libraryPath().isBlank()) {
            return local(f);
        }
        if (f.wanted() == Device.CPU) {
            return cpu(null);
        }
        String blocker = gpuBlocker(f);
        if (blocker != null) {
            return cpu(blocker);
        }
        for (NativeJar jar : f.jars()) {
            if (jar.cuda() && jar.classifier().equals(f.classifier())) {
                return new Plan(Source.CUDA_JAR, jar.flavor(), null, jar, null, null);
            }
        }
        if (f.cudaCache() != null) {
            return new Plan(Source.DJL_CACHE, CUDA_FLAVOR, f.cudaCache(), null, null, null);
        }
        if (!f.offline()) {
            return new Plan(Source.DJL_DOWNLOAD, CUDA_FLAVOR, null, null, null, null);
        }
        return cpu("no CUDA libtorch is available offline. " + HOW_TO_ENABLE);
    }

    /** Why this machine cannot run DJL's CUDA libtorch at all, or null. */
    private static String gpuBlocker(Facts f) {
        if (!f.driver().present()) {
            return f.driver().describe() + ".";
        }
        if (!CUDA_CLASSIFIERS.contains(f.classifier())) {
            return "DJL publishes CUDA builds of libtorch for " + CUDA_CLASSIFIERS + " only, not " + f.classifier() + ".";
        }
        if (f.driver().cudaVersion() > 0 && f.driver().cudaVersion() < MIN_DRIVER_CUDA) {
            return "the NVIDIA driver " + f.driver().driverVersion() + " runs CUDA " + f.driver().cudaVersionString()
                    + " but libtorch " + LIBTORCH + " (" + CUDA_FLAVOR + ") needs CUDA 12: update the driver to 525.60.13"
                    + " or newer.";
        }
        return null;
    }

    private static Plan local(Facts f) {
        String flavor = f.flavor() != null && !f.flavor().isBlank() ? f.flavor() : f.localHasCuda() ? CUDA_FLAVOR : "cpu";
        String warning = null;
        if (f.localVersion() != null && !f.localVersion().startsWith(LIBTORCH)) {
            warning = "PYTORCH_LIBRARY_PATH holds libtorch " + f.localVersion() + " but DJL 0.36's JNI is built for "
                    + LIBTORCH + "; unless that folder also holds a libdjl_torch built against it, loading will fail."
                    + " Use a libtorch " + LIBTORCH + " (" + CUDA_FLAVOR + ") build.";
        }
        String reason = null;
        if (f.wanted() == Device.GPU && !flavor.startsWith("cu")) {
            reason = "PYTORCH_LIBRARY_PATH=" + f.libraryPath() + " holds a CPU-only libtorch (no torch_cuda library).";
        } else if (f.wanted() == Device.GPU) {
            reason = gpuBlocker(f);
        }
        return new Plan(Source.LOCAL, flavor, Path.of(f.libraryPath().split(java.io.File.pathSeparator)[0]), null,
                reason, warning);
    }

    private static Plan cpu(String reason) {
        return new Plan(Source.BUNDLED_CPU, "cpu", null, null, reason, null);
    }

    static final String HOW_TO_ENABLE = "To run on the GPU, start scjava with one of: (1) PYTORCH_LIBRARY_PATH=/path/to/"
            + "libtorch/lib of a CUDA build of libtorch " + LIBTORCH + " (" + CUDA_FLAVOR + "); (2) the jar ai.djl.pytorch:"
            + "pytorch-native-" + CUDA_FLAVOR + ":" + LIBTORCH + ":linux-x86_64 on the class path; (3) DJL_OFFLINE=false so"
            + " that DJL downloads the " + CUDA_FLAVOR + " libtorch into its cache (~/.djl.ai) once. See the README's GPU"
            + " section; %device shows what was found.";
}
