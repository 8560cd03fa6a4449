package org.scjava.dsl.pl;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

/** Figures side by side in one row (PNG: one image; SVG: nested svg elements). */
public final class GridFigure implements Figure {

    private final List<Figure> panels;

    public GridFigure(List<Figure> panels) {
        this.panels = List.copyOf(panels);
    }

    @Override
    public int width() {
        return panels.stream().mapToInt(Figure::width).sum();
    }

    @Override
    public int height() {
        return panels.stream().mapToInt(Figure::height).max().orElse(0);
    }

    @Override
    public BufferedImage toImage() {
        BufferedImage img = new BufferedImage(width(), height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, width(), height());
        int x = 0;
        for (Figure f : panels) {
            g.drawImage(f.toImage(), x, 0, null);
            x += f.width();
        }
        g.dispose();
        return img;
    }

    @Override
    public String toSvg() {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
                + "width=\"" + width() + "\" height=\"" + height() + "\">\n");
        int x = 0;
        for (Figure f : panels) {
            String inner = f.toSvg().replaceFirst("<\\?xml[^>]*\\?>", "").replaceFirst("<!DOCTYPE[^>]*>", "");
            sb.append("<g transform=\"translate(").append(x).append(",0)\">").append(inner).append("</g>\n");
            x += f.width();
        }
        return sb.append("</svg>\n").toString();
    }
}
