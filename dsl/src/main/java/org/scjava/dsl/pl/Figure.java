package org.scjava.dsl.pl;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A finished plot: what every plotting verb returns. The kernel renders it inline ({@code image/png} at twice its
 * pixel size for sharp text on high-density screens, shown at {@link #width()} × {@link #height()}; or
 * {@code image/svg+xml} on request); scripts {@link #save(Path) save} it as PNG, SVG or PDF.
 *
 * <p>Sizes are pixels at 96 dpi (CSS pixels): a 640 × 480 figure is 6.7 × 5 inches.
 */
public interface Figure {

    /** Width and height in pixels at 96 dpi. */
    int width();

    int height();

    /**
     * Draws the figure with its top-left corner at the origin of {@code g}. {@code vector} is true when {@code g}
     * records vector graphics (SVG, PDF), where very dense point clouds are embedded as an image, as scanpy does.
     */
    void paint(Graphics2D g, boolean vector);

    /** Renders to an image of {@link #width()} × {@link #height()} pixels. */
    default BufferedImage toImage() {
        return toImage(1);
    }

    /** Renders at {@code scale} times the pixel size (2 = 192 dpi). */
    default BufferedImage toImage(double scale) {
        int w = (int) Math.ceil(width() * scale);
        int h = (int) Math.ceil(height() * scale);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.scale(scale, scale);
            paint(g, false);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** PNG bytes at twice the pixel size (192 dpi). */
    default byte[] toPng() {
        return toPng(2);
    }

    /** PNG bytes at {@code scale} times the pixel size. */
    default byte[] toPng(double scale) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            javax.imageio.ImageIO.write(toImage(scale), "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding failed", e);
        }
    }

    /** An SVG document of the figure; texts are SVG text elements. */
    default String toSvg() {
        return VectorOutput.svg(this);
    }

    /** A one-page PDF of the figure, 0.75 pt per pixel (so a 640 px wide figure is 480 pt = 6.7 in wide). */
    default byte[] toPdf() {
        return VectorOutput.pdf(this);
    }

    /** Writes PNG (192 dpi), SVG or PDF, chosen by the file extension; creates missing folders; returns this. */
    default Figure save(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        byte[] bytes;
        if (name.endsWith(".svg")) {
            bytes = toSvg().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } else if (name.endsWith(".png")) {
            bytes = toPng();
        } else if (name.endsWith(".pdf")) {
            bytes = toPdf();
        } else {
            throw new IllegalArgumentException("cannot save a figure as '" + path.getFileName()
                    + "': use a .png, .svg or .pdf file name");
        }
        try {
            if (path.toAbsolutePath().getParent() != null) {
                Files.createDirectories(path.toAbsolutePath().getParent());
            }
            Files.write(path, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write figure to " + path + ": " + e.getMessage(), e);
        }
        return this;
    }

    default Figure save(String path) {
        return save(Path.of(path));
    }
}
