package org.scjava.dsl.tasks;

import org.junit.jupiter.api.Test;
import org.scjava.dsl.api.GeneMatch;
import org.scjava.dsl.core.AtlasException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GeneMatchTest {

    @Test
    void refusesBelowOnePercentWithTheNumbersAndTheFix() {
        GeneMatch m = new GeneMatch(3, 33694, "var index", "human gene symbols");
        assertThatThrownBy(() -> m.check("scgpt")).isInstanceOf(AtlasException.class)
                .hasMessageContaining("only 3 of 33694 genes").hasMessageContaining("human gene symbols")
                .hasMessageContaining("withGeneColumn");
        assertThatThrownBy(() -> new GeneMatch(0, 0, "var index", "x").refuseIfUnusable("m"))
                .isInstanceOf(AtlasException.class);
    }

    @Test
    void acceptsFromOnePercentOnAndWarnsBelowHalf() {
        assertThatCode(() -> new GeneMatch(337, 33694, "var index", "x").check("scgpt")).doesNotThrowAnyException();
        GeneMatch low = new GeneMatch(100, 312, "var index", "x");
        assertThat(low.rate()).isLessThan(GeneMatch.WARN_BELOW);
        assertThatCode(() -> low.check("scgpt")).doesNotThrowAnyException();
        assertThat(new GeneMatch(306, 312, "var index", "x").toString()).contains("306/312").contains("98.1%");
    }

    @Test
    void quietlyDropsTheWarningButNotTheRefusal() {
        GeneMatch low = new GeneMatch(100, 312, "var index", "x");
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            GeneMatch.quietly(() -> {
                low.check("quiet-model");
                return null;
            });
            low.check("loud-model");
        } finally {
            System.setErr(err);
        }
        String log = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(log).contains("loud-model: only 100 of 312").doesNotContain("quiet-model");
        assertThatThrownBy(() -> GeneMatch.quietly(() -> {
            new GeneMatch(3, 33694, "var index", "x").check("m");
            return null;
        })).isInstanceOf(AtlasException.class);
    }
}
