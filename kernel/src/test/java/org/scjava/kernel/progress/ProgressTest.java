package org.scjava.kernel.progress;

import org.junit.jupiter.api.Test;
import org.scjava.dsl.core.Progress;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressTest {

    @Test
    void consoleLineForScriptsWithoutATerminal() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress.Factory f = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        try (Progress p = f.start("embed", 2170, "cells")) {
            p.step(1000);
            p.step(1170);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).startsWith("embed: 0/2,170 cells (0%)").contains("embed: 2,170/2,170 cells (100%)")
                .endsWith("done\n").doesNotContain("\r");
    }

    @Test
    void notebookBarIsShownOnceThenUpdatedInPlace() throws Exception {
        List<String> calls = new ArrayList<>();
        NotebookProgress.Target target = new NotebookProgress.Target() {
            @Override
            public void show(String id, String html, String text) {
                calls.add("show " + id + " " + text);
            }

            @Override
            public void update(String id, String html, String text) {
                calls.add("update " + id + " " + text);
                assertThat(html).contains("<progress");
            }
        };
        try (Progress p = new NotebookProgress(target).start("umap", 200, "epochs")) {
            for (int i = 0; i < 4; i++) {
                Thread.sleep(120);
                p.step(50);
            }
        }
        assertThat(calls.get(0)).startsWith("show scjava-progress-").endsWith("umap: 0/200 epochs (0%) · 0.0 s");
        String id = calls.get(0).split(" ")[1];
        assertThat(calls.subList(1, calls.size())).allMatch(c -> c.startsWith("update " + id + " "));
        assertThat(calls.get(calls.size() - 1)).contains("200/200 epochs (100%)").endsWith("done");
        assertThat(calls.size()).isBetween(3, 6);
    }

    @Test
    void stepsBetweenRedrawsAreCountedNotDrawn() {
        List<String> texts = new ArrayList<>();
        NotebookProgress.Target target = new NotebookProgress.Target() {
            @Override
            public void show(String id, String html, String text) {
                texts.add(text);
            }

            @Override
            public void update(String id, String html, String text) {
                texts.add(text);
            }
        };
        try (Progress p = new NotebookProgress(target).start("fast", 100_000, "items")) {
            for (int i = 0; i < 100_000; i++) {
                p.step(1);
            }
        }
        assertThat(texts.size()).isLessThan(50);
        assertThat(texts.get(texts.size() - 1)).contains("100,000/100,000 items (100%)");
    }
}
