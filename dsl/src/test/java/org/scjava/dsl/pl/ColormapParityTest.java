package org.scjava.dsl.pl;

import org.junit.jupiter.api.Test;
import org.scjava.testing.Python;

import java.awt.Color;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The colour maps against matplotlib itself (Debian's python3-matplotlib, run at test time): viridis and Reds at 257
 * points within two 8-bit steps (33 samples interpolated linearly; invisible), and default_20 exactly as scanpy
 * builds it from tab20.
 */
class ColormapParityTest {

    private static final String SCRIPT = """
            import matplotlib
            from matplotlib import colors
            for name in ["viridis", "Reds"]:
                cmap = matplotlib.colormaps[name]
                print(name, " ".join(colors.to_hex(cmap(i / 256)) for i in range(257)))
            tab20 = [colors.to_hex(c) for c in matplotlib.colormaps["tab20"].colors]
            # scanpy/plotting/palettes.py: dark tab20 colours without grey, then the light ones, then two additions,
            # three replaced by colour-blind friendlier ones
            d20 = tab20[0:14:2] + tab20[16::2] + tab20[1:15:2] + tab20[17::2] + ["#ad494a", "#8c6d31"]
            d20[2], d20[4], d20[7] = "#279e68", "#aa40fc", "#b5bd61"
            print("default_20", " ".join(d20))
            """;

    @Test
    void mapsAndPaletteMatchMatplotlib() {
        for (String line : Python.run(SCRIPT).strip().split("\n")) {
            String[] parts = line.split(" ");
            String name = parts[0];
            if (name.equals("default_20")) {
                for (int i = 1; i < parts.length; i++) {
                    assertThat(Palette.DEFAULT_20[i - 1]).as("default_20[%d]", i - 1).isEqualTo(rgb(parts[i]));
                }
                continue;
            }
            Colormap map = name.equals("viridis") ? Colormap.VIRIDIS : Colormap.REDS;
            for (int i = 1; i < parts.length; i++) {
                Color ours = map.at((i - 1) / 256.0);
                int theirs = rgb(parts[i]);
                assertThat(Math.abs(ours.getRed() - (theirs >> 16 & 0xff))).as("%s red at %d/256", name, i - 1)
                        .isLessThanOrEqualTo(2);
                assertThat(Math.abs(ours.getGreen() - (theirs >> 8 & 0xff))).as("%s green at %d/256", name, i - 1)
                        .isLessThanOrEqualTo(2);
                assertThat(Math.abs(ours.getBlue() - (theirs & 0xff))).as("%s blue at %d/256", name, i - 1)
                        .isLessThanOrEqualTo(2);
            }
        }
    }

    private static int rgb(String hex) {
        return Integer.parseInt(hex.substring(1), 16);
    }
}
