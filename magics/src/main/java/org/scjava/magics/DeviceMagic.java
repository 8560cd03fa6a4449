package org.scjava.magics;

import org.scjava.models.runtime.Device;
import org.scjava.models.runtime.Engine;
import org.scjava.models.runtime.GpuCard;
import org.scjava.models.runtime.GpuDriver;
import org.scjava.models.runtime.GpuProbe;
import org.scjava.models.runtime.Runtimes;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code %device}: CPU threads and memory, the NVIDIA driver and GPUs, and the libtorch models run on — with a
 * one-line summary as the table's title ("device: CPU only, 16 threads — no NVIDIA GPU: ..." or the GPUs found).
 * DJL's own GPU probe warnings are silenced below debug verbosity; this is where a missing GPU is reported.
 */
public final class DeviceMagic implements Magic {

    @Override
    public String name() {
        return "device";
    }

    @Override
    public String usage() {
        return "%device [cpu|gpu]";
    }

    @Override
    public String help() {
        return "Shows the CPU threads and memory available to the JVM, the NVIDIA driver and each GPU with its free and"
                + " total memory (read through NVML, without loading CUDA), and the libtorch the models run on: its"
                + " version and flavour (cpu, cu128), where it was found, and whether --device gpu runs on the GPU or"
                + " why not. Before the first model load it says which libtorch each device would load, and loads none."
                + " '%device gpu' makes the GPU this session's device: the first model load then picks a CUDA libtorch"
                + " and '%model load' uses the GPU without --device ('%device cpu' goes back).";
    }

    @Override
    public Object run(MagicContext context, List<String> args, String body) {
        List<String> keys = new ArrayList<>();
        List<String> values = new ArrayList<>();
        if (args.size() > 1) {
            throw MagicException.usage(this, "takes at most one argument, cpu or gpu");
        }
        if (args.size() == 1) {
            try {
                System.setProperty(Device.PROPERTY, Device.parse(args.get(0)).key());
            } catch (IllegalArgumentException e) {
                throw MagicException.usage(this, e.getMessage());
            }
        }
        add(keys, values, "session device", Device.preferred().key());
        Runtime rt = Runtime.getRuntime();
        add(keys, values, "CPU threads available", Integer.toString(rt.availableProcessors()));
        add(keys, values, "JVM heap (max)", Bytes.format(rt.maxMemory()));
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            add(keys, values, "physical memory (free / total)",
                    Bytes.format(os.getFreeMemorySize()) + " / " + Bytes.format(os.getTotalMemorySize()));
        }
        GpuDriver driver = GpuProbe.probe();
        add(keys, values, "GPUs", Integer.toString(driver.cards().size()));
        add(keys, values, "CUDA", driver.present() ? "driver " + driver.driverVersion() + ", CUDA "
                + driver.cudaVersionString() + " (" + driver.source() + ")" : driver.describe());
        for (GpuCard card : driver.cards()) {
            add(keys, values, "gpu(" + card.index() + ")", card.name() + ", memory " + Bytes.format(card.freeBytes())
                    + " free of " + Bytes.format(card.totalBytes()));
        }
        try {
            Engine engine = Runtimes.engine();
            add(keys, values, "DJL engine", engine.name() + ", DJL " + ai.djl.engine.Engine.getDjlVersion());
            engine.report().forEach((k, v) -> add(keys, values, k, v));
        } catch (RuntimeException | LinkageError e) {
            add(keys, values, "DJL engine", "not available: " + e.getMessage());
        }
        String summary = driver.present() ? "device: " + driver.describe()
                : "device: CPU only, " + rt.availableProcessors() + " threads — " + driver.describe();
        return Table.create(summary, StringColumn.create("property", keys), StringColumn.create("value", values));
    }

    private static void add(List<String> keys, List<String> values, String k, String v) {
        keys.add(k);
        values.add(v);
    }
}
