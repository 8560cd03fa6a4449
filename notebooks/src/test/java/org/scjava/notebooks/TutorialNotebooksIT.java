package org.scjava.notebooks;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.scjava.cli.NotebookExecution;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The binder install path and every tutorial, end to end: {@code binder/postBuild} (what mybinder.org runs after
 * apt.txt) installs the kernel into a clean temporary prefix standing in for repo2docker's notebook environment; the
 * kernelspec must be there and listed by Jupyter; then every {@code notebooks/NN-*.ipynb} is executed headless with
 * that kernel by Jupyter's own client (nbclient, through {@link NotebookExecution}, the runner of
 * {@code ./scjava quickstart}) and must finish without an error cell. Executed copies (.ipynb, .html) are written to
 * notebooks/target/executed/; each HTML is then opened in headless Chromium as a reader sees it ({@link Browser}):
 * no stderr box (log lines and warnings are not errors), no error, every figure loaded at a readable size, a
 * screenshot of each figure and of the page in notebooks/target/executed/screenshots/. 01-quickstart is left to {@link QuickstartCommandIT} ({@code ./scjava quickstart} runs
 * it the same way) and {@link BrowserQuickstartIT} (through the UI), so the suite runs it twice, not three times.
 */
class TutorialNotebooksIT {

    @TempDir
    static Path tmp;

    static Path prefix;
    static Map<String, String> jupyter;

    static Path browser;

    @BeforeAll
    static void runBinderPostBuild() throws Exception {
        Browser.requireTools("node", "npm");
        browser = Repo.TARGET.resolve("browser-executed");
        Browser.install(browser);
        prefix = tmp.resolve("notebook-env");
        jupyter = Repo.isolatedJupyter(tmp, prefix);
        Map<String, String> env = new HashMap<>(jupyter);
        env.put("NB_PYTHON_PREFIX", prefix.toString());
        env.put("JAVA_OPTS", ""); // as on mybinder: postBuild's own default applies
        Repo.markBuildCurrent();
        Repo.Result r = Repo.run(env, Repo.ROOT, List.of(Repo.ROOT.resolve("binder/postBuild").toString()), 10);
        System.out.println("binder/postBuild:\n" + r.output());
        assertThat(r.exitCode()).as(r.output()).isZero();
    }

    @Test
    void postBuildInstallsTheKernelspecIntoThePrefix() throws Exception {
        Path dir = prefix.resolve("share/jupyter/kernels/scjava");
        JsonObject spec = JsonParser.parseString(Files.readString(dir.resolve("kernel.json"))).getAsJsonObject();
        assertThat(spec.get("display_name").getAsString()).isEqualTo("Java 21 (scjava)");
        JsonArray argv = spec.getAsJsonArray("argv");
        String java = argv.get(0).getAsString();
        assertThat(Path.of(java)).isAbsolute().isExecutable();
        assertThat(javaFeatureVersion(java)).as("JDK of the kernelspec").isGreaterThanOrEqualTo(21);
        assertThat(argv.toString()).contains(Repo.ROOT.resolve("kernel/target").toString(), "org.scjava.kernel.KernelMain",
                "{connection_file}", "-XX:MaxRAMPercentage=60");
        assertThat(dir.resolve("logo-64x64.png")).isRegularFile();

        Repo.Result list = Repo.run(jupyter, tmp, List.of("jupyter", "kernelspec", "list", "--json"), 2);
        assertThat(list.exitCode()).as(list.output()).isZero();
        JsonObject listed = JsonParser.parseString(list.output().substring(list.output().indexOf('{'))).getAsJsonObject()
                .getAsJsonObject("kernelspecs").getAsJsonObject("scjava");
        assertThat(listed).as("jupyter kernelspec list: " + list.output()).isNotNull();
        assertThat(Path.of(listed.get("resource_dir").getAsString()).toRealPath()).isEqualTo(dir.toRealPath());
    }

    @TestFactory
    Stream<DynamicTest> everyTutorialExecutesWithTheInstalledKernel() throws Exception {
        List<Path> notebooks = Repo.tutorials().stream()
                .filter(nb -> !nb.getFileName().toString().equals(QuickstartCommandIT.NOTEBOOK)).toList();
        assertThat(notebooks).as("tutorials in notebooks/ besides the quickstart").hasSizeGreaterThanOrEqualTo(5);
        Path out = Repo.TARGET.resolve("executed");
        return notebooks.stream().map(nb -> DynamicTest.dynamicTest(nb.getFileName().toString(), () -> {
            NotebookExecution.Result r = NotebookExecution.withKernel("scjava", jupyter).cellTimeout(300)
                    .run(Repo.NOTEBOOKS, out, List.of(nb), System.out::println).get(0);
            System.out.println(nb.getFileName() + " cell times:\n" + r.timings());
            assertThat(r.ok()).as(r.failure()).isTrue();
            assertThat(r.html()).isRegularFile();
            assertThat(Files.readString(r.html())).contains("<html");
            assertThat(images(r.ipynb())).as("inline PNG figures in " + r.ipynb()).isPositive();
            assertThat(streams(r.ipynb(), "stderr")).as("stderr output in " + r.ipynb()).isEmpty();
            Repo.Result seen = Browser.screenshot(browser, out.resolve("screenshots"), List.of(r.html()));
            System.out.println(seen.output());
            assertThat(seen.output()).doesNotContain("FAIL ").contains("PASS", "FIGURES");
            assertThat(seen.exitCode()).isZero();
        }));
    }

    private static int images(Path executed) throws Exception {
        int n = 0;
        for (JsonElement cell : JsonParser.parseString(Files.readString(executed)).getAsJsonObject().getAsJsonArray("cells")) {
            JsonArray outputs = cell.getAsJsonObject().getAsJsonArray("outputs");
            for (JsonElement o : outputs == null ? new JsonArray() : outputs) {
                JsonObject data = o.getAsJsonObject().getAsJsonObject("data");
                n += data != null && data.has("image/png") ? 1 : 0;
            }
        }
        return n;
    }

    /** The text of every stream output named {@code name} ("stdout", "stderr"). */
    private static List<String> streams(Path executed, String name) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        for (JsonElement cell : JsonParser.parseString(Files.readString(executed)).getAsJsonObject().getAsJsonArray("cells")) {
            JsonArray outputs = cell.getAsJsonObject().getAsJsonArray("outputs");
            for (JsonElement o : outputs == null ? new JsonArray() : outputs) {
                JsonObject output = o.getAsJsonObject();
                if ("stream".equals(output.get("output_type").getAsString()) && name.equals(output.get("name").getAsString())) {
                    out.add(output.get("text").toString());
                }
            }
        }
        return out;
    }

    private static int javaFeatureVersion(String java) throws Exception {
        Repo.Result r = Repo.run(Map.of(), tmp, List.of(java, "-XshowSettings:properties", "-version"), 1);
        for (String line : r.output().split("\n")) {
            if (line.strip().startsWith("java.specification.version = ")) {
                return Integer.parseInt(line.strip().substring("java.specification.version = ".length()).strip());
            }
        }
        throw new AssertionError("no java.specification.version from " + java + ":\n" + r.output());
    }
}
