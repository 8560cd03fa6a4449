package org.scjava.dsl.pl;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Round ticks as matplotlib's MaxNLocator picks them, and scanpy's palettes by category count. */
class TicksTest {

    @Test
    void ticksAreRoundStepsInsideTheRange() {
        Ticks t = Ticks.of(1234, 23011, 7);
        assertThat(t.labels()).containsExactly("5000", "10000", "15000", "20000");
        assertThat(Ticks.of(0.000371, 0.0123456, 7).labels()).containsExactly("0.002", "0.004", "0.006", "0.008",
                "0.010", "0.012");
        assertThat(Ticks.of(-1, 1, 7).labels()).containsExactly("-1.0", "-0.5", "0.0", "0.5", "1.0");
        assertThat(Ticks.of(0, 1, 5).labels()).containsExactly("0.00", "0.25", "0.50", "0.75", "1.00");
        assertThat(Ticks.of(2e6, 9e6, 5).labels()).containsExactly("2e6", "4e6", "6e6", "8e6");
        assertThat(Ticks.of(3, 3, 5).values()).containsExactly(3.0);
    }

    @Test
    void compactLabelsKeepFourDigits() {
        assertThat(Ticks.compact(0.09155654364980428)).isEqualTo("0.09156");
        assertThat(Ticks.compact(4.5)).isEqualTo("4.5");
        assertThat(Ticks.compact(12345.6)).isEqualTo("12350");
    }

    @Test
    void paletteFollowsScanpysChoiceByCount() {
        assertThat(Palette.categorical(12).get(0).getRGB() & 0xffffff).isEqualTo(0x1f77b4);
        assertThat(Palette.categorical(20).get(19).getRGB() & 0xffffff).isEqualTo(0x8c6d31);
        assertThat(Palette.categorical(21).get(0).getRGB() & 0xffffff).isEqualTo(0x023fa5);
        assertThat(Palette.categorical(29).get(0).getRGB() & 0xffffff).isEqualTo(0xffff00);
        assertThat(Palette.categorical(102)).doesNotHaveDuplicates();
        assertThat(Palette.categorical(103)).containsOnly(java.awt.Color.GRAY);
        assertThat(List.of(Palette.DEFAULT_20.length, Palette.DEFAULT_28.length, Palette.DEFAULT_102.length))
                .containsExactly(20, 28, 102);
    }

    @Test
    void coloursMapsMatchMatplotlibAtTheirEnds() {
        assertThat(Colormap.VIRIDIS.at(0).getRGB() & 0xffffff).isEqualTo(0x440154);
        assertThat(Colormap.VIRIDIS.at(1).getRGB() & 0xffffff).isEqualTo(0xfde725);
        assertThat(Colormap.VIRIDIS.at(0.5).getRGB() & 0xffffff).isEqualTo(0x21918c);
        assertThat(Colormap.REDS.at(1).getRGB() & 0xffffff).isEqualTo(0x67000d);
        assertThat(Colormap.VIRIDIS.at(Double.NaN)).isEqualTo(Palette.NA);
    }
}
