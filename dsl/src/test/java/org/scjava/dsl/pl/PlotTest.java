package org.scjava.dsl.pl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scjava.dsl.atlas.Atlas;
import org.scjava.dsl.core.AtlasException;
import org.scjava.dsl.core.CsrMatrix;
import org.scjava.dsl.core.DenseMatrix;
import org.scjava.dsl.pp.Columns;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlotTest {

    @TempDir
    Path dir;

    /** n cells in 5 groups with a 2-d embedding and 4 genes, gene j high in group j. */
    static Atlas atlas(int n) {
        SplittableRandom rnd = new SplittableRandom(3);
        float[] emb = new float[n * 2];
        float[] x = new float[n * 4];
        String[] group = new String[n];
        for (int i = 0; i < n; i++) {
            int g = i % 5;
            group[i] = Integer.toString(g);
            emb[2 * i] = (float) (g * 4 + rnd.nextDouble());
            emb[2 * i + 1] = (float) (g % 2 * 3 + rnd.nextDouble());
            for (int j = 0; j < 4; j++) {
                x[i * 4 + j] = (float) (j == g ? 2 + rnd.nextDouble() : rnd.nextDouble() < 0.2 ? rnd.nextDouble() : 0);
            }
        }
        Table var = Table.create("var", StringColumn.create("_index", new String[] {"CD3E", "MS4A1", "LYZ", "NKG7"}));
        Atlas a = new Atlas(CsrMatrix.fromDense(n, 4, x), null, var);
        Columns.put(a.obs(), StringColumn.create("leiden", group));
        a.putObsm("X_umap", new DenseMatrix(n, 2, emb));
        return a;
    }

    private static void assertRenders(Figure f, Path file) throws Exception {
        BufferedImage img = f.toImage();
        assertThat(img.getWidth()).isEqualTo(f.width());
        assertThat(f.toSvg()).contains("<svg");
        f.save(file);
        assertThat(Files.size(file)).isGreaterThan(1000);
    }

    @Test
    void everyPlotRendersToPngAndSvg() throws Exception {
        Atlas a = atlas(2000).qcMetrics();
        assertRenders(a.plotUmap("leiden"), dir.resolve("umap.png"));
        assertRenders(a.plotUmap("LYZ"), dir.resolve("umap_gene.svg"));
        assertRenders(a.plotViolin("NKG7", "leiden"), dir.resolve("violin.png"));
        assertRenders(a.plotDotPlot(List.of("CD3E", "MS4A1", "LYZ", "NKG7"), "leiden"), dir.resolve("dot.png"));
        assertRenders(a.plotHeatmap(List.of("CD3E", "MS4A1", "LYZ", "NKG7"), "leiden"), dir.resolve("heat.png"));
        assertRenders(a.plotQc(), dir.resolve("qc.png"));
    }

    @Test
    void categoricalColoursFollowThePalette() {
        Figure f = atlas(500).plotEmbedding("X_umap", "leiden", PlotOptions.defaults().withPointSize(6));
        BufferedImage img = f.toImage();
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                colours.add(img.getRGB(x, y) & 0xffffff);
            }
        }
        for (int g = 0; g < 5; g++) {
            assertThat(colours).contains(Palette.categorical(g).getRGB() & 0xffffff);
        }
    }

    @Test
    void hundredThousandPointsRender() throws Exception {
        long start = System.nanoTime();
        byte[] png = atlas(100_000).plotUmap("leiden").toPng();
        double s = (System.nanoTime() - start) / 1e9;
        // speed is reported, not tested (a wall-clock bound fails on a loaded shared machine)
        System.out.printf("100k-point UMAP scatter rendered to PNG in %.2f s%n", s);
        BufferedImage img = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
        assertThat(img.getWidth()).isGreaterThan(200);
        assertThat(img.getHeight()).isGreaterThan(200);
    }

    @Test
    void missingInputsAreNamed() {
        Atlas a = atlas(50);
        assertThatThrownBy(() -> a.plotEmbedding("X_pca", "leiden")).isInstanceOf(AtlasException.class)
                .hasMessageContaining("run pca() first");
        assertThatThrownBy(() -> a.plotUmap("NOPE")).hasMessageContaining("neither an obs column nor a gene");
        assertThatThrownBy(a::plotQc).hasMessageContaining("run qcMetrics() first");
        assertThatThrownBy(() -> a.plotViolin("leiden", "leiden")).hasMessageContaining("is categorical");
    }
}
