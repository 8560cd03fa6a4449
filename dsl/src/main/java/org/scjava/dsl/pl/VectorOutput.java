package org.scjava.dsl.pl;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;
import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2DFontTextDrawer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.util.Matrix;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * SVG and PDF of a {@link Figure}, from the libraries XChart already brings: VectorGraphics2D for SVG (texts stay
 * {@code <text>} elements, searchable and editable), PDFBox Graphics2D for PDF (DejaVu Sans embedded when its file
 * is found, else glyphs drawn as outlines). The same paint code as the PNG, so all three look alike.
 */
final class VectorOutput {

    /** Where Debian/Ubuntu (fonts-dejavu-core) and Fedora put DejaVu Sans. */
    private static final List<String> DEJAVU_FILES = List.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
            "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans.ttf");

    private VectorOutput() {
    }

    static String svg(Figure f) {
        VectorGraphics2D g = new VectorGraphics2D();
        f.paint(g, true);
        g.dispose();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, f.width(), f.height())).writeTo(out);
            return withFontFallbacks(out.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("SVG encoding failed", e);
        }
    }

    /**
     * Viewers without the figure's font would fall back to a serif face; name the usual sans-serif ones after it, as
     * matplotlib's font list does.
     */
    static String withFontFallbacks(String svg) {
        return svg.replaceAll("font-family:(&quot;[^;]*?&quot;|[A-Za-z ]+);",
                "font-family:$1,Arial,Helvetica,sans-serif;");
    }

    static byte[] pdf(Figure f) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            float w = f.width() * 0.75f;
            float h = f.height() * 0.75f;
            PDPage page = new PDPage(new PDRectangle(w, h));
            doc.addPage(page);
            PdfBoxGraphics2D g = new PdfBoxGraphics2D(doc, f.width(), f.height());
            PdfBoxGraphics2DFontTextDrawer text = new PdfBoxGraphics2DFontTextDrawer();
            for (String path : DEJAVU_FILES) {
                File file = new File(path);
                if (file.isFile()) {
                    text.registerFont("DejaVu Sans", file);
                    break;
                }
            }
            g.setFontTextDrawer(text);
            f.paint(g, true);
            g.dispose();
            try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                content.transform(Matrix.getScaleInstance(0.75f, 0.75f));
                content.drawForm(g.getXFormObject());
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("PDF encoding failed", e);
        }
    }
}
