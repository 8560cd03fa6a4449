package org.scjava.notebooks;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scjava.cli.NotebookExecution;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notebook runner fails where it must: a cell that throws stops the run, the result names the cell, the
 * exception and its source, the cells after it are not run, and the partly executed copy is still exported to HTML.
 */
class NotebookExecutionIT {

    @TempDir
    Path tmp;

    @Test
    void aFailingCellFailsTheNotebookAndIsNamed() throws Exception {
        Path nb = tmp.resolve("broken.ipynb");
        Files.writeString(nb, notebook("int x = 41;", "Integer.parseInt(\"not a number\")", "x + 1"));
        List<String> progress = new ArrayList<>();
        NotebookExecution.Result r = NotebookExecution.withKernel("scjava", Repo.installKernel(tmp)).cellTimeout(120)
                .run(tmp, tmp.resolve("out"), List.of(nb), progress::add).get(0);

        assertThat(r.ok()).isFalse();
        assertThat(r.error().cell()).isEqualTo(2);
        assertThat(r.error().ename()).contains("NumberFormatException");
        assertThat(r.error().evalue()).contains("not a number");
        assertThat(r.error().source()).contains("Integer.parseInt");
        assertThat(r.failure()).contains("broken.ipynb: code cell 2 failed with", "NumberFormatException",
                "--- cell source ---", "Integer.parseInt(\"not a number\")");
        assertThat(progress).anyMatch(line -> line.contains("broken [1/3] int x = 41;"));
        assertThat(r.html()).isRegularFile();
        JsonArray cells = JsonParser.parseString(Files.readString(r.ipynb())).getAsJsonObject().getAsJsonArray("cells");
        assertThat(cells.get(2).getAsJsonObject().getAsJsonArray("outputs")).as("cell after the error ran").isEmpty();
    }

    private static String notebook(String... sources) {
        JsonObject nb = new JsonObject();
        JsonArray cells = new JsonArray();
        for (String s : sources) {
            JsonObject cell = new JsonObject();
            cell.addProperty("cell_type", "code");
            cell.add("metadata", new JsonObject());
            cell.add("outputs", new JsonArray());
            cell.add("execution_count", null);
            cell.addProperty("source", s);
            cells.add(cell);
        }
        nb.add("cells", cells);
        JsonObject kernelspec = new JsonObject();
        kernelspec.addProperty("name", "scjava");
        kernelspec.addProperty("display_name", "Java 21 (scjava)");
        kernelspec.addProperty("language", "java");
        JsonObject metadata = new JsonObject();
        metadata.add("kernelspec", kernelspec);
        nb.add("metadata", metadata);
        nb.addProperty("nbformat", 4);
        nb.addProperty("nbformat_minor", 4);
        return nb.toString();
    }
}
