package org.scjava.magics;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.util.cuda.CudaUtils;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code %device}: what the model runtime (DJL) sees, in one line (the table's title: "CPU only, 16 threads — no CUDA
 * GPU" or the GPUs found) and in detail: CPU threads, memory, its engine, GPUs and CUDA. DJL's own GPU probe
 * warnings are silenced below debug verbosity; this is where a missing GPU is reported.
 */
public final class DeviceMagic implements Magic {

    @Override
    public String name() {
        return "device";
    }

    @Override
    public String usage() {
        return "%device";
    }

    @Override
    public String help() {
        return "Shows the CPU threads and memory available to the JVM and what DJL sees: its default engine and "
                + "device (Engine.getInstance()), the GPUs with their memory (CudaUtils), and the CUDA version.";
    }

    @Override
    public Object run(MagicContext context, List<String> args, String body) {
        List<String> keys = new ArrayList<>();
        List<String> values = new ArrayList<>();
        Runtime rt = Runtime.getRuntime();
        add(keys, values, "CPU threads available", Integer.toString(rt.availableProcessors()));
        add(keys, values, "JVM heap (max)", Bytes.format(rt.maxMemory()));
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            add(keys, values, "physical memory (free / total)",
                    Bytes.format(os.getFreeMemorySize()) + " / " + Bytes.format(os.getTotalMemorySize()));
        }
        int gpus = 0;
        try {
            Engine engine = Engine.getInstance();
            add(keys, values, "DJL engine", engine.getEngineName() + " " + engine.getVersion() + " (DJL "
                    + Engine.getDjlVersion() + ")");
            add(keys, values, "default device", engine.defaultDevice().toString());
            gpus = engine.getGpuCount();
            add(keys, values, "GPUs", Integer.toString(gpus));
            for (int i = 0; i < gpus; i++) {
                MemoryUsage mem = CudaUtils.getGpuMemory(Device.gpu(i));
                add(keys, values, "gpu(" + i + ")", "compute capability " + CudaUtils.getComputeCapability(i)
                        + ", memory " + Bytes.format(mem.getUsed()) + " used of " + Bytes.format(mem.getMax()));
            }
        } catch (RuntimeException | LinkageError e) {
            add(keys, values, "DJL engine", "not available: " + e.getMessage());
        }
        boolean cuda = CudaUtils.hasCuda();
        add(keys, values, "CUDA", cuda ? CudaUtils.getCudaVersionString() : "not found");
        String summary = gpus > 0 ? "device: " + gpus + " CUDA GPU" + (gpus > 1 ? "s" : "") + " available"
                : "device: CPU only, " + rt.availableProcessors() + " threads — no CUDA GPU"
                + (cuda ? " usable (CUDA " + CudaUtils.getCudaVersionString() + " found, no device)" : " found");
        return Table.create(summary, StringColumn.create("property", keys), StringColumn.create("value", values));
    }

    private static void add(List<String> keys, List<String> values, String k, String v) {
        keys.add(k);
        values.add(v);
    }
}
