package org.scjava.models.runtime.djl;

import ai.djl.util.Utils;
import org.scjava.models.api.ModelException;
import org.scjava.models.runtime.Device;
import org.scjava.models.runtime.GpuDriver;
import org.scjava.models.runtime.GpuProbe;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Gathers the facts {@link LibTorchChoice} decides on (environment, class path, DJL's cache, the NVIDIA driver) and
 * carries a plan out before DJL loads libtorch: it sets DJL's documented {@code PYTORCH_LIBRARY_PATH} /
 * {@code PYTORCH_FLAVOR} system properties (environment variables of the same names still win, as DJL reads those
 * first), unpacks a CUDA native jar into DJL's cache as DJL itself would, or hides the bundled CPU jar from DJL's
 * platform detection so that DJL downloads the CUDA build.
 */
final class NativeLibTorch {

    static final String NATIVE_PROPERTIES = "native/lib/pytorch.properties";

    private NativeLibTorch() {
    }

    /** The facts for a first load on {@code wanted}. */
    static LibTorchChoice.Facts facts(Device wanted) {
        String libraryPath = Utils.getEnvOrSystemProperty("PYTORCH_LIBRARY_PATH");
        Path local = firstExisting(libraryPath);
        String classifier = classifier();
        boolean probe = wanted == Device.GPU || local != null;
        GpuDriver driver = probe ? GpuProbe.probe() : GpuDriver.none("not probed (CPU requested)");
        return new LibTorchChoice.Facts(wanted, local == null ? null : local.toString(), local != null && hasCuda(local),
                local == null ? null : localVersion(local), Utils.getEnvOrSystemProperty("PYTORCH_FLAVOR"),
                Utils.isOfflineMode(), classifier, driver, nativeJars(), cudaCache(classifier));
    }

    /** DJL's platform classifier for this JVM: "linux-x86_64", "osx-aarch64", "win-x86_64", ... */
    static String classifier() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String prefix = os.startsWith("win") ? "win" : os.startsWith("mac") ? "osx" : "linux";
        String arch = System.getProperty("os.arch", "");
        return prefix + "-" + ("amd64".equals(arch) ? "x86_64" : arch);
    }

    /** Sets what DJL reads for {@code plan}; returns the class loader to load the engine under. */
    static ClassLoader apply(LibTorchChoice.Plan plan, ClassLoader current) {
        switch (plan.source()) {
            case LOCAL -> setIfAbsent("PYTORCH_FLAVOR", plan.flavor());
            case CUDA_JAR -> {
                Path dir = unpack(plan.jar());
                System.setProperty("PYTORCH_LIBRARY_PATH", dir.toString());
                setIfAbsent("PYTORCH_FLAVOR", plan.flavor());
            }
            case DJL_CACHE -> {
                System.setProperty("PYTORCH_LIBRARY_PATH", plan.libraryPath().toString());
                setIfAbsent("PYTORCH_FLAVOR", plan.flavor());
            }
            case DJL_DOWNLOAD -> {
                setIfAbsent("PYTORCH_FLAVOR", plan.flavor());
                return new HideCpuNative(current);
            }
            case BUNDLED_CPU -> {
                // DJL's default: the pytorch-native-cpu jar, extracted into its cache.
            }
        }
        return current;
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getenv(key) == null) {
            System.setProperty(key, value);
        }
    }

    private static Path firstExisting(String pathList) {
        if (pathList == null || pathList.isBlank()) {
            return null;
        }
        for (String p : pathList.split(java.io.File.pathSeparator)) {
            Path dir = Path.of(p.trim());
            if (Files.isRegularFile(dir)) {
                dir = dir.getParent();
            }
            if (dir != null && Files.isRegularFile(dir.resolve(System.mapLibraryName("torch")))) {
                return dir.toAbsolutePath();
            }
        }
        throw new ModelException("PYTORCH_LIBRARY_PATH=" + pathList + " holds no " + System.mapLibraryName("torch")
                + "; point it at the lib folder of a libtorch " + LibTorchChoice.LIBTORCH + " (e.g. /opt/libtorch/lib, or"
                + " the torch/lib folder of a PyTorch install), or unset it to use the bundled CPU libtorch.");
    }

    private static boolean hasCuda(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(p -> p.getFileName().toString().contains("torch_cuda"));
        } catch (IOException e) {
            return false;
        }
    }

    /** libtorch zips have {@code build-version} beside lib/; PyTorch installs have {@code version.py} beside lib/. */
    static String localVersion(Path libDir) {
        Path parent = libDir.getParent();
        if (parent == null) {
            return null;
        }
        try {
            Path build = parent.resolve("build-version");
            if (Files.isRegularFile(build)) {
                return Files.readString(build).trim();
            }
            Path py = parent.resolve("version.py");
            if (Files.isRegularFile(py)) {
                for (String line : Files.readAllLines(py)) {
                    if (line.startsWith("__version__")) {
                        return line.replaceAll("^__version__\\s*=\\s*['\"]([^'\"]*)['\"].*$", "$1");
                    }
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /** The native jars on the class path, as DJL's {@code Platform.detectPlatform} reads them. */
    static List<LibTorchChoice.NativeJar> nativeJars() {
        List<LibTorchChoice.NativeJar> jars = new ArrayList<>();
        try {
            Enumeration<URL> urls = NativeLibTorch.class.getClassLoader().getResources(NATIVE_PROPERTIES);
            for (URL url : Collections.list(urls)) {
                Properties p = read(url);
                String libs = p.getProperty("libraries", "");
                jars.add(new LibTorchChoice.NativeJar(p.getProperty("flavor", ""), p.getProperty("classifier", ""),
                        p.getProperty("version", ""), libs.isEmpty() ? List.of() : List.of(libs.split(",")),
                        url.toString()));
            }
        } catch (IOException e) {
            throw new ModelException("could not list the libtorch native jars on the class path: " + e.getMessage(), e);
        }
        return jars;
    }

    private static Properties read(URL url) throws IOException {
        Properties p = new Properties();
        try (InputStream in = url.openStream()) {
            p.load(in);
        }
        return p;
    }

    /** A CUDA libtorch that DJL (or {@link #unpack}) left in its cache for this classifier, or null. */
    static Path cudaCache(String classifier) {
        Path cache = Utils.getEngineCacheDir("pytorch");
        if (!Files.isDirectory(cache)) {
            return null;
        }
        try (Stream<Path> s = Files.list(cache)) {
            return s.filter(d -> {
                String n = d.getFileName().toString();
                return n.startsWith(LibTorchChoice.LIBTORCH) && n.contains("-" + LibTorchChoice.CUDA_FLAVOR + "-")
                        && n.endsWith(classifier) && Files.isRegularFile(d.resolve(System.mapLibraryName("torch")));
            }).sorted().findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    /** Copies the jar's libraries into DJL's cache folder {@code version-flavor-classifier}, as DJL does for jars. */
    private static Path unpack(LibTorchChoice.NativeJar jar) {
        Path dir = Utils.getEngineCacheDir("pytorch").resolve(jar.version() + "-" + jar.flavor() + "-" + jar.classifier());
        if (Files.isRegularFile(dir.resolve(System.mapLibraryName("torch")))) {
            return dir;
        }
        ClassLoader cl = NativeLibTorch.class.getClassLoader();
        try {
            Files.createDirectories(dir.getParent());
            Path tmp = Files.createTempDirectory(dir.getParent(), "tmp");
            for (String lib : jar.libraries()) {
                String resource = "pytorch/" + jar.flavor() + "/" + jar.classifier() + "/" + lib;
                try (InputStream in = cl.getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IOException(resource + " is listed in " + jar.url() + " but missing from the jar");
                    }
                    Files.copy(in, tmp.resolve(lib), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            return dir;
        } catch (IOException e) {
            throw new ModelException("could not unpack the CUDA libtorch of " + jar.url() + " into " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Hides the CPU native jar's {@code native/lib/pytorch.properties} while DJL loads, so its platform detection
     * finds no bundled libtorch and downloads the flavour set in {@code PYTORCH_FLAVOR}.
     */
    static final class HideCpuNative extends ClassLoader {

        HideCpuNative(ClassLoader parent) {
            super(parent);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            Enumeration<URL> all = super.getResources(name);
            if (!NATIVE_PROPERTIES.equals(name)) {
                return all;
            }
            List<URL> kept = new ArrayList<>();
            for (URL url : Collections.list(all)) {
                if (!read(url).getProperty("flavor", "cpu").startsWith("cpu")) {
                    kept.add(url);
                }
            }
            return Collections.enumeration(kept);
        }
    }
}
