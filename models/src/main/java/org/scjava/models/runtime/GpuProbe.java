package org.scjava.models.runtime;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Reads the NVIDIA driver through NVML (the library nvidia-smi uses, shipped with every driver: libnvidia-ml.so.1,
 * nvml.dll), falling back to parsing {@code nvidia-smi -q}. Creates no CUDA context and loads no CUDA runtime, so it
 * is safe before libtorch is loaded and costs nothing on machines without a GPU (macOS, CI): the library is absent
 * and {@link #probe()} answers {@link GpuDriver#none}. Free memory is read afresh on every call (the memory guard
 * sizes batches from it).
 */
public final class GpuProbe {

    private static final long MIB = 1024L * 1024;

    private GpuProbe() {
    }

    /** The driver and its GPUs now; never throws. */
    public static GpuDriver probe() {
        if (System.getProperty("os.name", "").startsWith("Mac")) {
            return GpuDriver.none("macOS has no CUDA (libtorch runs on the CPU there)");
        }
        String nvmlWhy;
        try {
            return Nvml.read();
        } catch (RuntimeException | LinkageError e) {
            nvmlWhy = firstLine(e.getMessage());
        }
        try {
            GpuDriver smi = parseNvidiaSmi(runNvidiaSmi());
            return smi.present() ? smi : GpuDriver.none(nvmlWhy + "; nvidia-smi lists no GPU");
        } catch (IOException e) {
            boolean absent = e.getMessage() != null && e.getMessage().contains("Cannot run program");
            return GpuDriver.none(nvmlWhy + (absent ? ", no nvidia-smi on the PATH" : "; " + firstLine(e.getMessage())));
        }
    }

    /** Free bytes on GPU {@code index}, or -1 when the driver cannot say. */
    public static long freeBytes(int index) {
        for (GpuCard c : probe().cards()) {
            if (c.index() == index) {
                return c.freeBytes();
            }
        }
        return -1;
    }

    private static String runNvidiaSmi() throws IOException {
        Process p = new ProcessBuilder("nvidia-smi", "-q").redirectErrorStream(true).start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("nvidia-smi -q failed: " + firstLine(new String(out, StandardCharsets.UTF_8)));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running nvidia-smi", e);
        } finally {
            p.destroy();
        }
    }

    /**
     * Parses the text of {@code nvidia-smi -q}: "Driver Version", "CUDA Version", and per "GPU bus-id" block its
     * "Product Name" and the Total/Free lines of "FB Memory Usage" (MiB).
     */
    static GpuDriver parseNvidiaSmi(String text) {
        String driver = "";
        int cuda = 0;
        List<GpuCard> cards = new ArrayList<>();
        String name = null;
        long total = -1;
        boolean inFb = false;
        for (String line : text.split("\\R")) {
            String t = line.trim();
            String value = t.contains(":") ? t.substring(t.indexOf(':') + 1).trim() : "";
            if (line.startsWith("GPU ")) {
                name = "unknown GPU";
                total = -1;
            } else if (t.startsWith("Driver Version")) {
                driver = value;
            } else if (t.startsWith("CUDA Version")) {
                cuda = cudaCode(value);
            } else if (t.startsWith("Product Name") && name != null) {
                name = value;
            } else if (t.equals("FB Memory Usage")) {
                inFb = true;
            } else if (inFb && t.startsWith("Total")) {
                total = mib(value);
            } else if (inFb && t.startsWith("Free")) {
                inFb = false;
                if (name != null && total >= 0) {
                    cards.add(new GpuCard(cards.size(), name, total, mib(value)));
                }
            }
        }
        return new GpuDriver(driver, cuda, cards, "nvidia-smi");
    }

    /** "13.0" → 13000, "12.8" → 12080. */
    static int cudaCode(String version) {
        String[] p = version.trim().split("\\.");
        try {
            return Integer.parseInt(p[0]) * 1000 + (p.length > 1 ? Integer.parseInt(p[1].replaceAll("\\D.*", "")) * 10 : 0);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static long mib(String value) {
        try {
            return Long.parseLong(value.replaceAll("(?i)\\s*MiB\\s*$", "").trim()) * MIB;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** JNA's multi-line load error as one line of at most 200 characters. */
    private static String oneLine(String s) {
        String t = s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").trim();
        return t.length() > 200 ? t.substring(0, 200) + "..." : t;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no detail";
        }
        int i = s.indexOf('\n');
        return (i < 0 ? s : s.substring(0, i)).trim();
    }

    /** The NVML calls used (nvml.h, NVML API reference); every function returns 0 (NVML_SUCCESS) on success. */
    interface NvmlLibrary extends Library {
        int nvmlInit_v2();

        int nvmlShutdown();

        int nvmlSystemGetDriverVersion(byte[] version, int length);

        int nvmlSystemGetCudaDriverVersion_v2(IntByReference version);

        int nvmlDeviceGetCount_v2(IntByReference count);

        int nvmlDeviceGetHandleByIndex_v2(int index, PointerByReference device);

        int nvmlDeviceGetName(Pointer device, byte[] name, int length);

        /** nvmlMemory_t: unsigned long long total, free, used. */
        int nvmlDeviceGetMemoryInfo(Pointer device, long[] memory);
    }

    /** NVML through JNA, loaded once per JVM (a failed load is remembered and rethrown). */
    static final class Nvml {

        private static NvmlLibrary lib;
        private static RuntimeException failure;

        private Nvml() {
        }

        static synchronized GpuDriver read() {
            NvmlLibrary n = load();
            check(n.nvmlInit_v2(), "nvmlInit");
            try {
                byte[] buf = new byte[96];
                check(n.nvmlSystemGetDriverVersion(buf, buf.length), "nvmlSystemGetDriverVersion");
                String driver = Native.toString(buf);
                IntByReference cuda = new IntByReference();
                int cudaVersion = n.nvmlSystemGetCudaDriverVersion_v2(cuda) == 0 ? cuda.getValue() : 0;
                IntByReference count = new IntByReference();
                check(n.nvmlDeviceGetCount_v2(count), "nvmlDeviceGetCount");
                List<GpuCard> cards = new ArrayList<>();
                for (int i = 0; i < count.getValue(); i++) {
                    PointerByReference dev = new PointerByReference();
                    check(n.nvmlDeviceGetHandleByIndex_v2(i, dev), "nvmlDeviceGetHandleByIndex");
                    check(n.nvmlDeviceGetName(dev.getValue(), buf, buf.length), "nvmlDeviceGetName");
                    long[] mem = new long[3];
                    check(n.nvmlDeviceGetMemoryInfo(dev.getValue(), mem), "nvmlDeviceGetMemoryInfo");
                    cards.add(new GpuCard(i, Native.toString(buf), mem[0], mem[1]));
                }
                return cards.isEmpty() ? GpuDriver.none("the NVIDIA driver " + driver + " lists no GPU")
                        : new GpuDriver(driver, cudaVersion, cards, "NVML");
            } finally {
                n.nvmlShutdown();
            }
        }

        private static NvmlLibrary load() {
            if (lib != null) {
                return lib;
            }
            if (failure != null) {
                throw failure;
            }
            String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            List<String> names = os.startsWith("win") ? List.of("nvml") : List.of("nvidia-ml", "libnvidia-ml.so.1");
            UnsatisfiedLinkError last = null;
            for (String name : names) {
                try {
                    lib = Native.load(name, NvmlLibrary.class);
                    return lib;
                } catch (UnsatisfiedLinkError e) {
                    last = e;
                }
            }
            failure = new IllegalStateException("no " + names.get(names.size() - 1) + " (the NVIDIA driver's NVML)");
            if (last != null) {
                org.slf4j.LoggerFactory.getLogger(GpuProbe.class).debug("NVML: {}", oneLine(last.getMessage()));
            }
            throw failure;
        }

        private static void check(int status, String call) {
            if (status != 0) {
                throw new IllegalStateException(call + " returned NVML error " + status);
            }
        }
    }
}
