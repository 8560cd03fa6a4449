package org.scjava.dsl.pl;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A finished plot: what every plotting verb returns. The kernel renders it inline ({@code image/png}, or
 * {@code image/svg+xml} on request); scripts save it. Implementations wrap an XChart chart or draw directly.
 */
public interface Figure {

    /** Width and height in pixels of the PNG rendering. */
    int width();

    int height();

    /** Renders to an image of {@link #width()} × {@link #height()}. */
    BufferedImage toImage();

    /** An SVG document of the same figure. */
    String toSvg();

    /** PNG bytes of {@link #toImage()}. */
    default byte[] toPng() {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            javax.imageio.ImageIO.write(toImage(), "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding failed", e);
        }
    }

    /** Writes PNG or SVG, chosen by the file extension ({@code .png} / {@code .svg}); returns this. */
    default Figure save(Path path) {
        String name = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        try {
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            if (name.endsWith(".svg")) {
                Files.writeString(path, toSvg());
            } else if (name.endsWith(".png")) {
                Files.write(path, toPng());
            } else {
                throw new IllegalArgumentException("cannot save a figure as '" + path.getFileName()
                        + "': use a .png or .svg file name");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write figure to " + path + ": " + e.getMessage(), e);
        }
        return this;
    }

    default Figure save(String path) {
        return save(Path.of(path));
    }
}
