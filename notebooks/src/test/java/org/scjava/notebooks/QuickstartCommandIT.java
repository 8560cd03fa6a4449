package org.scjava.notebooks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./scjava quickstart} as a newcomer runs it: the launcher executes notebooks/01-quickstart.ipynb headless
 * with a kernelspec private to its output folder, prints a line per cell and the clusters × published labels table,
 * and writes the executed notebook as HTML — without installing anything into the user's Jupyter folders.
 */
class QuickstartCommandIT {

    static final String NOTEBOOK = "01-quickstart.ipynb";

    @TempDir
    Path tmp;

    @Test
    void quickstartExecutesTheNotebookAndPrintsItsSummary() throws Exception {
        Path out = Repo.TARGET.resolve("quickstart");
        Map<String, String> jupyter = Repo.isolatedJupyter(tmp, tmp.resolve("user-env"));
        Repo.markBuildCurrent();
        Repo.Result r = Repo.run(jupyter, tmp, List.of(Repo.ROOT.resolve("scjava").toString(), "quickstart", "--out",
                out.toString()), 10);
        System.out.println(r.output());
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("executing notebooks/01-quickstart.ipynb with the scjava kernel",
                "01-quickstart [1/", "Crosstab Counts: leiden x cell_type", "T_CD4", "MNP",
                "executed notebook: " + out.resolve("01-quickstart.html"));
        assertThat(r.output()).containsPattern("\\d+ cells ran in \\d+\\.\\d s");
        String html = Files.readString(out.resolve("01-quickstart.html"));
        assertThat(html).contains("data:image/png;base64,", "scjava-table").doesNotContain("output_error");
        assertThat(out.resolve("jupyter/kernels/scjava/kernel.json")).isRegularFile();
        assertThat(tmp.resolve("jupyter-data/kernels")).as("nothing installed for the user").doesNotExist();
        assertThat(tmp.resolve("user-env")).doesNotExist();
    }

    @Test
    void dataFileNeedsTheJavaPipeline() throws Exception {
        Repo.markBuildCurrent();
        Repo.Result r = Repo.run(Map.of(), tmp, List.of(Repo.ROOT.resolve("scjava").toString(), "quickstart", "--data",
                "mine.h5ad"), 5);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.output()).contains("--data works with --no-notebook only");
    }
}
