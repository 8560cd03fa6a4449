package org.scjava.dsl.core;

/**
 * Guards explicit densification: estimates the bytes first and refuses above a limit with a message that says
 * how much would be needed and how to raise the limit. Default limit: a quarter of the JVM's max heap,
 * overridable with {@code -Dscjava.densify.maxBytes=...}.
 */
public record MemoryBudget(long maxBytes) {

    public static MemoryBudget defaults() {
        String prop = System.getProperty("scjava.densify.maxBytes");
        if (prop != null && !prop.isBlank()) {
            return new MemoryBudget(Long.parseLong(prop.trim()));
        }
        return new MemoryBudget(Runtime.getRuntime().maxMemory() / 4);
    }

    public void check(String what, long bytes) {
        if (bytes > maxBytes) {
            throw new AtlasException("Refusing to densify " + what + ": it needs " + human(bytes)
                    + " but the densify budget is " + human(maxBytes)
                    + ". Work on a subset (atlas.subset(...)), keep it sparse, or raise -Dscjava.densify.maxBytes / -Xmx.");
        }
    }

    public static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double v = bytes;
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
