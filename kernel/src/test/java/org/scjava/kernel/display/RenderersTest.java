package org.scjava.kernel.display;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.core.Categories;
import org.scjava.dsl.core.CsrMatrix;
import org.scjava.dsl.core.DenseMatrix;
import org.scjava.dsl.pl.Figure;
import org.scjava.models.api.ModelCard;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;

/** The renderers as the kernel uses them: found by ServiceLoader, registered into JJava's renderer. */
class RenderersTest {

    private static Renderer renderer;

    @BeforeAll
    static void register() {
        renderer = new Renderer();
        int added = new RendererRegistry(renderer).installFrom(RenderersTest.class.getClassLoader());
        assertThat(added).isEqualTo(6);
    }

    @Test
    void shortTableIsShownWholeWithTypes() {
        Table t = Table.create("markers", StringColumn.create("gene", "CD3E", "<b>"), DoubleColumn.create("score", 1.5, 2.0));
        DisplayData d = renderer.render(t);
        String html = (String) d.getData(MIMEType.TEXT_HTML);
        assertThat(html).contains("<b>markers</b>", "<th>gene</th>", "<td>string</td>", "<td>double</td>",
                "<td>CD3E</td>", "<td>&lt;b&gt;</td>", "2 rows × 2 columns").doesNotContain("…");
        assertThat((String) d.getData(MIMEType.TEXT_PLAIN)).contains("CD3E");
    }

    @Test
    void longTableShowsFirstAndLastRows() {
        Table t = Table.create("n", IntColumn.create("i", IntStream.range(0, 2170).toArray()));
        String html = TableRenderer.html(t);
        assertThat(html).contains("<th>9</th>", "<th>2165</th>", "<th>2169</th>", "<th>…</th>", "2,170 rows × 1 columns",
                "showing the first 10 and last 5 rows").doesNotContain("<th>10</th>", "<th>2164</th>");
    }

    @Test
    void wideTableElidesMiddleColumns() {
        Table t = Table.create("wide");
        for (int c = 0; c < 40; c++) {
            t.addColumns(IntColumn.create("c" + c, 1));
        }
        String html = TableRenderer.html(t);
        assertThat(html).contains("<th>c19</th>", "<th>c35</th>", "<th>…</th>").doesNotContain("<th>c20</th>", "<th>c34</th>");
    }

    @Test
    void xchartChartIsAPngOfItsSizeAndSvgOnRequest() throws Exception {
        XYChart chart = new XYChartBuilder().width(320).height(240).title("qc").build();
        chart.addSeries("s", new double[] {1, 2}, new double[] {3, 4});
        DisplayData d = renderer.render(chart);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode((String) d.getData(
                MIMEType.IMAGE_PNG))));
        assertThat(img.getWidth()).isEqualTo(320);
        assertThat(img.getHeight()).isEqualTo(240);
        assertThat(d.hasDataForType(MIMEType.IMAGE_SVG)).isFalse();
        DisplayData svg = renderer.renderAs(chart, "image/svg+xml");
        assertThat((String) svg.getData(MIMEType.IMAGE_SVG))
                .startsWith("<svg").doesNotContain("<?xml");
    }

    @Test
    void figureRendersThroughItsInterface() throws Exception {
        Figure fig = new Figure() {
            @Override
            public int width() {
                return 30;
            }

            @Override
            public int height() {
                return 20;
            }

            @Override
            public BufferedImage toImage() {
                return new BufferedImage(30, 20, BufferedImage.TYPE_INT_RGB);
            }

            @Override
            public String toSvg() {
                return "<?xml version=\"1.0\"?>\n<svg width=\"30\" height=\"20\"></svg>";
            }
        };
        DisplayData d = renderer.render(fig);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode((String) d.getData(
                MIMEType.IMAGE_PNG))));
        assertThat(img.getWidth()).isEqualTo(30);
        assertThat((String) renderer.renderAs(fig, "image/svg+xml").getData(
                MIMEType.IMAGE_SVG)).isEqualTo("<svg width=\"30\" height=\"20\"></svg>");
    }

    @Test
    void modelCardShowsProvenance() {
        ModelCard card = new ModelCard("tiny", "torchscript", "/models/tiny.pt", Map.of("d", 8), "tiny.pt", "ab12",
                11, List.of(), Map.of("pooling", "mean"));
        String html = (String) renderer.render(card).getData(MIMEType.TEXT_HTML);
        assertThat(html).contains("<b>torchscript</b> model <code>tiny</code>", "<code>ab12</code>", "11 tokens",
                "pooling=mean", "1 keys").doesNotContain("unused checkpoint tensors");
    }

    @Test
    void atlasSummaryListsSlotsTypesAndHistory() {
        Table obs = Table.create("obs", StringColumn.create("barcode", "A", "B", "C"),
                StringColumn.create("cell_type", "T", "B", "T"), DoubleColumn.create("n_counts", 10, 20, 30));
        Atlas a = new Atlas(CsrMatrix.fromDense(3, 2, new float[] {1, 0, 0, 2, 3, 0}), obs, null);
        a.obsCategories().put("cell_type", new Categories(List.of("B", "T"), false));
        a.putObsm("X_pca", DenseMatrix.of(new double[][] {{1, 2}, {3, 4}, {5, 6}}));
        a.uns().put("neighbors", Map.of("k", 15));
        for (int i = 0; i < 7; i++) {
            a.record("verb" + i, Map.of("seed", i), System.nanoTime(), "wrote nothing");
        }
        String html = AtlasRenderer.html(a);
        assertThat(html).contains("n_obs × n_vars = <b>3 × 2</b>", "sparse CSR, 3 stored values",
                "<code>cell_type</code> <i>category, 2 levels</i>", "<code>n_counts</code> <i>double</i>",
                "<code>X_pca</code> <i>3 x 2</i>", "<code>neighbors</code> <i>(1 keys)</i>", "last 5 of 7 entries",
                "verb6", "verb2").doesNotContain("verb1<");
        assertThat((String) renderer.render(a).getData(MIMEType.TEXT_PLAIN))
                .startsWith("Atlas object with n_obs × n_vars = 3 × 2");
    }
}
