package org.scjava.magics;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

/** {@code %%time}: runs the cell and reports its wall-clock and process CPU time. */
public final class TimeMagic implements Magic {

    @Override
    public String name() {
        return "time";
    }

    @Override
    public boolean isCellMagic() {
        return true;
    }

    @Override
    public String usage() {
        return "%%time   (first line of a cell)";
    }

    @Override
    public String help() {
        return "Runs the rest of the cell as usual and then prints the wall time and the CPU time of the whole process "
                + "(all threads, so parallel verbs show CPU > wall).";
    }

    @Override
    public Object run(MagicContext context, List<String> args, String body) throws Exception {
        if (!args.isEmpty()) {
            throw MagicException.usage(this, "%%time takes no arguments");
        }
        long cpu0 = processCpuNanos();
        long wall0 = System.nanoTime();
        try {
            return context.eval(body == null ? "" : body);
        } finally {
            long wall = System.nanoTime() - wall0;
            long cpu = cpu0 < 0 ? -1 : processCpuNanos() - cpu0;
            System.out.println(String.format(Locale.ROOT, "CPU time: %s, wall time: %s", format(cpu), format(wall)));
        }
    }

    static String format(long nanos) {
        if (nanos < 0) {
            return "n/a";
        }
        double s = nanos / 1e9;
        return s >= 1 ? String.format(Locale.ROOT, "%.2f s", s) : String.format(Locale.ROOT, "%.1f ms", s * 1e3);
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
