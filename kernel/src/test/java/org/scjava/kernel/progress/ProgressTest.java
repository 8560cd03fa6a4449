package org.scjava.kernel.progress;

import org.junit.jupiter.api.Test;
import org.scjava.dsl.core.Progress;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One progress display per call: nothing for quick work, nested steps folded in, redrawn in place. */
class ProgressTest {

    /** Records what a notebook cell would show. */
    static final class Recorder implements NotebookProgress.Target {
        final List<String> calls = new ArrayList<>();

        @Override
        public synchronized void show(String id, String html, String text) {
            calls.add("show " + id + " " + text);
        }

        @Override
        public synchronized void update(String id, String html, String text) {
            assertThat(html).contains("<progress");
            calls.add("update " + id + " " + text);
        }
    }

    @Test
    void consoleLineForScriptsWithoutATerminal() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress.Factory f = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, 50);
        try (Progress p = f.start("embed", 2170, "cells")) {
            p.step(1000);
            Thread.sleep(80);
            p.step(1170);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        // a line when the task has run past the delay, then the final one; no carriage returns in a file
        assertThat(out.lines()).hasSizeBetween(1, 2);
        assertThat(out).containsPattern("^embed: [0-9,]+/2,170 cells").containsPattern("\nembed \\(0\\.\\d s\\) · done\n$")
                .doesNotContain("\r");
    }

    @Test
    void aQuickCellShowsNoBar() {
        Recorder r = new Recorder();
        NotebookProgress progress = new NotebookProgress(r);
        try (Progress p = progress.start("neighbors", 100, "cells")) {
            p.step(100);
        }
        progress.endCell();
        assertThat(r.calls).isEmpty();
    }

    @Test
    void aSlowCellShowsOneBarWithItsInnerStepsFoldedIn() throws Exception {
        Recorder r = new Recorder();
        NotebookProgress progress = new NotebookProgress(r, 100);
        try (Progress outer = progress.start("perturb IRF7", 300, "cells")) {
            for (int i = 0; i < 3; i++) {
                try (Progress inner = progress.start("geneformer hidden states", 100, "cells")) {
                    Thread.sleep(60);
                    inner.step(100);
                }
                outer.step(100);
                Thread.sleep(60);
            }
        }
        try (Progress next = progress.start("perturb B2M", 10, "cells")) {
            Thread.sleep(120);
            next.step(10);
        }
        progress.endCell();
        assertThat(r.calls).isNotEmpty();
        String id = r.calls.get(0).split(" ")[1];
        assertThat(r.calls.get(0)).startsWith("show scjava-progress-");
        assertThat(r.calls.subList(1, r.calls.size())).allMatch(c -> c.startsWith("update " + id + " "));
        assertThat(r.calls).anyMatch(c -> c.contains("perturb IRF7: ") && c.contains(" — geneformer hidden states: "));
        assertThat(r.calls.get(r.calls.size() - 1)).contains("perturb IRF7 (", "perturb B2M (").endsWith("· done");
    }

    @Test
    void stepsBetweenRedrawsAreCountedNotDrawn() throws Exception {
        Recorder r = new Recorder();
        NotebookProgress progress = new NotebookProgress(r, 0);
        try (Progress p = progress.start("fast", 100_000, "items")) {
            for (int i = 0; i < 100_000; i++) {
                p.step(1);
            }
        }
        progress.endCell();
        assertThat(r.calls.size()).isLessThan(50);
        assertThat(r.calls.get(r.calls.size() - 1)).contains("fast (").endsWith("done");
    }

    @Test
    void eachCellGetsItsOwnBar() throws Exception {
        Recorder r = new Recorder();
        NotebookProgress progress = new NotebookProgress(r, 0);
        for (int cell = 0; cell < 2; cell++) {
            try (Progress p = progress.start("umap", 10, "epochs")) {
                p.step(10);
            }
            progress.endCell();
        }
        assertThat(r.calls.stream().filter(c -> c.startsWith("show ")).map(c -> c.split(" ")[1]).distinct()).hasSize(2);
    }
}
