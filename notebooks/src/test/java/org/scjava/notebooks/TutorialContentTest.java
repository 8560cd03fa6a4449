package org.scjava.notebooks;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the committed tutorials must be, checked without running them (TutorialNotebooksIT runs them): saved without
 * outputs, on the scjava kernel, explained in markdown, every data file and model folder a cell names present in the
 * repository, and — where a notebook loads the bundled test checkpoints — a markdown cell saying they are
 * random-initialised.
 */
class TutorialContentTest {

    private static final Pattern DATA = Pattern.compile("\"\\.\\./data/([^\"]+)\"");
    private static final Pattern MODEL = Pattern.compile("\"(models/[^\"]+)\"");

    @TestFactory
    Stream<DynamicTest> tutorials() throws Exception {
        List<Path> notebooks = Repo.tutorials();
        assertThat(notebooks).extracting(p -> p.getFileName().toString()).contains("01-quickstart.ipynb",
                "02-foundation-models.ipynb", "03-zero-shot-annotation.ipynb", "04-cross-species.ipynb",
                "05-perturbation-and-gene-programs.ipynb", "06-harmonization.ipynb");
        return notebooks.stream().map(nb -> DynamicTest.dynamicTest(nb.getFileName().toString(), () -> check(nb)));
    }

    private static void check(Path nb) throws Exception {
        JsonObject json = JsonParser.parseString(Files.readString(nb)).getAsJsonObject();
        assertThat(json.getAsJsonObject("metadata").getAsJsonObject("kernelspec").get("name").getAsString())
                .isEqualTo("scjava");
        List<String> code = new ArrayList<>();
        StringBuilder markdown = new StringBuilder();
        for (JsonElement e : json.getAsJsonArray("cells")) {
            JsonObject cell = e.getAsJsonObject();
            String source = text(cell.get("source"));
            if ("code".equals(cell.get("cell_type").getAsString())) {
                assertThat(cell.getAsJsonArray("outputs")).as("outputs committed in %s: %s", nb, source).isEmpty();
                assertThat(cell.get("execution_count").isJsonNull()).as("execution count committed in %s", nb).isTrue();
                code.add(source);
            } else {
                markdown.append(source).append('\n');
            }
        }
        assertThat(code).as("code cells").hasSizeGreaterThanOrEqualTo(5);
        assertThat(markdown.toString().split("\n", -1).length).as("markdown lines explaining %s", nb).isGreaterThan(20);

        String all = String.join("\n", code);
        for (Matcher m = DATA.matcher(all); m.find(); ) {
            assertThat(Repo.ROOT.resolve("data").resolve(m.group(1))).as("data file named in %s", nb).exists();
        }
        boolean usesTestCheckpoints = false;
        for (Matcher m = MODEL.matcher(all); m.find(); ) {
            assertThat(Repo.NOTEBOOKS.resolve(m.group(1))).as("model named in %s", nb).isDirectory();
            usesTestCheckpoints = true;
        }
        if (usesTestCheckpoints) {
            assertThat(markdown.toString().toLowerCase(Locale.ROOT)).as("%s says its checkpoints are test weights", nb)
                    .contains("random-initialised");
        }
    }

    private static String text(JsonElement source) {
        if (source.isJsonArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonElement line : (JsonArray) source) {
                sb.append(line.getAsString());
            }
            return sb.toString();
        }
        return source.getAsString();
    }
}
