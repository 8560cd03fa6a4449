package org.scjava.cli;

import com.google.gson.GsonBuilder;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Jupyter kernelspec of scjava: {@code kernel.json} (the absolute path of this JDK's java, the launcher's JVM
 * flags, the runtime class path, {@code "interrupt_mode": "message"} because SIGINT would end the JVM) and the
 * 32/64 px logos, drawn here rather than committed as binaries.
 */
final class KernelSpec {

    static final String NAME = "scjava";
    static final String DISPLAY_NAME = "Java 21 (scjava)";
    static final String MAIN_CLASS = "org.scjava.kernel.KernelMain";

    private KernelSpec() {
    }

    /** The JVM flags the launcher uses, plus {@code extra} (JAVA_OPTS, the startup archive). */
    static List<String> jvmFlags(Path home, List<String> extra) {
        List<String> flags = new ArrayList<>(List.of("--enable-native-access=ALL-UNNAMED"));
        if (Runtime.version().feature() >= 24) {
            // as the launcher: Tablesaw's classgraph uses sun.misc.Unsafe, which JDK 24+ warns about at every start
            flags.add("--sun-misc-unsafe-memory-access=allow");
        }
        flags.addAll(List.of("-Dai.djl.offline=true", "-Djava.awt.headless=true", "-Dscjava.home=" + home));
        flags.addAll(extra);
        return flags;
    }

    /** The launcher's runtime class path: the kernel jar (first, for its logging configuration), then lib/. */
    static String classPath(Path target) {
        return target.resolve("*") + java.io.File.pathSeparator + target.resolve("lib").resolve("*");
    }

    static Map<String, Object> kernelJson(Path java, List<String> flags, Path target, Path home) {
        List<String> argv = new ArrayList<>();
        argv.add(java.toString());
        argv.addAll(flags);
        argv.add("-cp");
        argv.add(classPath(target));
        argv.add(MAIN_CLASS);
        argv.add("{connection_file}");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("argv", argv);
        json.put("display_name", DISPLAY_NAME);
        json.put("language", "java");
        json.put("interrupt_mode", "message");
        json.put("metadata", Map.of("scjava_home", home.toString(), "java_version", Runtime.version().toString()));
        return json;
    }

    /** Writes kernel.json and the logos into {@code dir}. */
    static void write(Path dir, Map<String, Object> kernelJson) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("kernel.json"),
                new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(kernelJson) + "\n");
        for (int size : new int[] {32, 64}) {
            ImageIO.write(logo(size), "png", dir.resolve("logo-" + size + "x" + size + ".png").toFile());
        }
    }

    /** A cup-coloured square with "sc" and a small cell outline. */
    static BufferedImage logo(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(new Color(0xB0, 0x72, 0x19));
            g.fillRoundRect(0, 0, size, size, size / 4, size / 4);
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke(Math.max(1f, size / 24f)));
            g.drawOval(size * 9 / 16, size / 8, size * 3 / 8, size * 3 / 8);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size / 2));
            g.drawString("sc", size / 10, size * 7 / 8);
        } finally {
            g.dispose();
        }
        return img;
    }
}
