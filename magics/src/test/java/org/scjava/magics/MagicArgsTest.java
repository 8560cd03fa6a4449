package org.scjava.magics;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MagicArgsTest {

    @Test
    void splitsLikeAShellLine() {
        assertThat(MagicArgs.split("  load \"my data/pbmc.h5ad\"  as pbmc ")).containsExactly("load", "my data/pbmc.h5ad", "as", "pbmc");
        assertThat(MagicArgs.split("a\\ b \"\" c")).containsExactly("a b", "", "c");
        assertThatThrownBy(() -> MagicArgs.split("load \"open")).isInstanceOf(MagicException.class).hasMessageContaining("unclosed quote");
    }

    @Test
    void takesOptionsAndFlags() {
        List<String> args = new ArrayList<>(List.of("load", "scgpt", "dir", "--device", "gpu", "--offline"));
        assertThat(MagicArgs.takeOption(args, "--device")).isEqualTo("gpu");
        assertThat(MagicArgs.takeFlag(args, "--offline")).isTrue();
        assertThat(MagicArgs.takeOption(args, "--name")).isNull();
        assertThat(args).containsExactly("load", "scgpt", "dir");
        assertThatThrownBy(() -> MagicArgs.takeOption(new ArrayList<>(List.of("--name")), "--name"))
                .hasMessageContaining("--name needs a value");
    }
}
